using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>Reduces a guest's JSON and a recorded YAML value to <see cref="ReplayValue"/>.</summary>
internal static class ReplayValueReader
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    public static ReplayValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new MappingValue(element.EnumerateObject()
            .GroupBy(member => member.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => FromJson(group.Last().Value), StringComparer.Ordinal)),
        JsonValueKind.Array => new SequenceValue(element.EnumerateArray().Select(FromJson).ToArray()),
        JsonValueKind.String => new ScalarValue(element.GetString()!, ScalarKind.String),
        JsonValueKind.Number => new ScalarValue(element.GetRawText(), ScalarKind.Number),
        JsonValueKind.True => new ScalarValue("true", ScalarKind.Boolean),
        JsonValueKind.False => new ScalarValue("false", ScalarKind.Boolean),
        _ => ReplayValue.Null,
    };

    /// <summary>Reads a YAML node; tags other than YAML's own (<c>!!str</c>, <c>!!int</c>, ...) are refused.</summary>
    /// <exception cref="InvalidDataException">The node carries a tag this reader does not know.</exception>
    public static ReplayValue FromYaml(YamlNode node)
    {
        var tag = node.Tag.IsEmpty || node.Tag.IsNonSpecific ? null : node.Tag.Value;
        if (tag is not null && !tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"unexpected tag `{tag}` (line {node.Start.Line}); only the request itself is tagged");
        }

        return node switch
        {
            YamlMappingNode mapping => new MappingValue(mapping.Children.ToDictionary(
                child => Key(child.Key), child => FromYaml(child.Value), StringComparer.Ordinal)),
            YamlSequenceNode sequence => new SequenceValue(sequence.Children.Select(FromYaml).ToArray()),
            YamlScalarNode scalar => Scalar(scalar, tag?[YamlTagPrefix.Length..]),
            _ => throw new InvalidDataException($"unexpected YAML node (line {node.Start.Line})"),
        };
    }

    private static string Key(YamlNode key) => key is YamlScalarNode { Value: { } name }
        ? name
        : throw new InvalidDataException($"a mapping key must be a plain text (line {key.Start.Line})");

    private static ReplayValue Scalar(YamlScalarNode scalar, string? tag)
    {
        var text = scalar.Value ?? string.Empty;
        return tag switch
        {
            "str" => new ScalarValue(text, ScalarKind.String),
            "null" => ReplayValue.Null,
            "int" or "float" => new ScalarValue(text, ScalarKind.Number),
            "bool" => new ScalarValue(text, ScalarKind.Boolean),
            null when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any =>
                text is "" or "~" or "null" or "Null" or "NULL" ? ReplayValue.Null : new ScalarValue(text, ScalarKind.Plain),
            null => new ScalarValue(text, ScalarKind.String),
            _ => throw new InvalidDataException($"unexpected tag `!!{tag}` on a scalar (line {scalar.Start.Line})"),
        };
    }
}
