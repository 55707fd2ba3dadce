using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins json.patch.</summary>
internal static partial class JsonBuiltins
{
    public static IEnumerable<RegoBuiltin> All =>
    [
        new("json.patch", 2, (context, arguments) => Patch(context, RegoArguments.At(arguments, 0, "json.patch"), RegoArguments.Array(arguments, 1, "json.patch"))),
    ];

    /// <summary>
    /// Applies the RFC 6902 operations in order to a copy of the document. Where OPA leaves the result undefined (a
    /// failed <c>test</c>, a missing path, a malformed operation) so does this, logging why at debug level.
    /// </summary>
    private static JsonNode? Patch(RegoBuiltinContext context, JsonNode? document, JsonArray operations)
    {
        try
        {
            return new JsonPatch(document).Apply(operations);
        }
        catch (FormatException e)
        {
            LogUndefined(context.Logger, e.Message);
            return RegoBuiltins.Undefined;
        }
    }

    [LoggerMessage(EventId = 1101, EventName = "JsonPatchUndefined", Level = LogLevel.Debug, Message = "json.patch is undefined: {Reason}")]
    private static partial void LogUndefined(ILogger logger, string reason);
}
