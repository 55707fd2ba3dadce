using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins trace.</summary>
internal static partial class DebuggingBuiltins
{
    private const string Trace = "trace";

    public static IEnumerable<RegoBuiltin> All => [new(Trace, 1, TraceNote)];

    private static JsonNode? TraceNote(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        LogNote(context.Logger, RegoArguments.String(arguments, 0, Trace));
        return JsonValue.Create(true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rego trace: {Note}")]
    private static partial void LogNote(ILogger logger, string note);
}
