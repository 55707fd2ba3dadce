using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins yaml.marshal, yaml.unmarshal and yaml.is_valid.</summary>
internal static class YamlBuiltins
{
    public static IEnumerable<RegoBuiltin> All =>
    [
        new("yaml.marshal", 1, (_, arguments) => JsonToYaml.Convert(RegoArguments.At(arguments, 0, "yaml.marshal"))),
        new("yaml.unmarshal", 1, (_, arguments) => Unmarshal(RegoArguments.String(arguments, 0, "yaml.unmarshal"))),
        new("yaml.is_valid", 1, (_, arguments) => IsValid(RegoArguments.At(arguments, 0, "yaml.is_valid"))),
    ];

    private static JsonNode? Unmarshal(string yaml)
    {
        try
        {
            return YamlToJson.Convert(yaml);
        }
        catch (FormatException e)
        {
            throw new RegoBuiltinException($"yaml.unmarshal: {e.Message}", e);
        }
    }

    /// <summary>Whether yaml.unmarshal would succeed; a non-string operand is not valid YAML (OPA answers false, not an error).</summary>
    private static bool IsValid(JsonNode? operand)
    {
        if (operand is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            YamlToJson.Convert(value.GetValue<string>());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
