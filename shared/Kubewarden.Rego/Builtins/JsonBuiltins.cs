using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins json.patch.</summary>
internal static class JsonBuiltins
{
    public static IEnumerable<RegoBuiltin> All =>
    [
        new("json.patch", 2, (_, arguments) => Patch(RegoArguments.At(arguments, 0, "json.patch"), RegoArguments.Array(arguments, 1, "json.patch"))),
    ];

    /// <summary>
    /// Applies the RFC 6902 operations in order to a copy of the document. Where OPA makes the call undefined (a failed
    /// <c>test</c>, a missing path, a malformed operation) this fails with the reason, as the host has no undefined result.
    /// </summary>
    private static JsonNode? Patch(JsonNode? document, JsonArray operations)
    {
        try
        {
            return new JsonPatch(document).Apply(operations);
        }
        catch (FormatException e)
        {
            throw new RegoBuiltinException($"json.patch: {e.Message}", e);
        }
    }
}
