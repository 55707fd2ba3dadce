using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins.Sprintf;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins sprintf.</summary>
internal static class StringBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [new("sprintf", 2, Sprintf)];

    // sprintf(format, values): Go's fmt.Sprintf over the values as OPA converts them (see GoArguments).
    private static JsonNode Sprintf(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var format = RegoArguments.String(arguments, 0, "sprintf");
        var values = RegoArguments.Array(arguments, 1, "sprintf");
        return JsonValue.Create(GoFormatter.Sprintf(format, GoArguments.From(values)));
    }
}
