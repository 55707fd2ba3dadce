using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>
/// <c>tracing</c>/<c>log</c>: a guest log record <c>{"level", "message", ...fields}</c> becomes a structured log entry
/// with the policy id. Always answers an empty success, even for a malformed record (which is only logged).
/// </summary>
public sealed partial class TracingLogHandler : IHostCapabilityHandler
{
    private readonly ILogger _logger;

    /// <summary>Creates the handler; records go to the <c>policy_log</c> category, as in Kubewarden.</summary>
    public TracingLogHandler(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger("policy_log");
    }

    /// <inheritdoc />
    public string Namespace => "tracing";

    /// <inheritdoc />
    public string Operation => "log";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                LogMalformedRecord(_logger, policy.PolicyId, "the record is not a JSON object");
                return HostCallResult.Success(ReadOnlyMemory<byte>.Empty);
            }

            var level = LogLevel.Information;
            var message = string.Empty;
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["PolicyId"] = policy.PolicyId };
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "level":
                        level = ParseLevel(property.Value.GetString());
                        break;
                    case "message":
                        message = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                        break;
                    default:
                        fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                        break;
                }
            }

            using (_logger.BeginScope(fields))
            {
                LogGuestRecord(_logger, level, policy.PolicyId, message);
            }
        }
        catch (JsonException e)
        {
            LogMalformedRecord(_logger, policy.PolicyId, e.Message);
        }

        return HostCallResult.Success(ReadOnlyMemory<byte>.Empty);
    }

    private static LogLevel ParseLevel(string? level) => level?.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };

    [LoggerMessage(EventId = EvaluationEventIds.GuestLog, EventName = nameof(EvaluationEventIds.GuestLog), Message = "Policy `{PolicyId}`: {GuestMessage}")]
    private static partial void LogGuestRecord(ILogger logger, LogLevel level, string policyId, string guestMessage);

    [LoggerMessage(EventId = EvaluationEventIds.GuestLogMalformed, EventName = nameof(EvaluationEventIds.GuestLogMalformed), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` sent a log record that cannot be read: {Reason}")]
    private static partial void LogMalformedRecord(ILogger logger, string policyId, string reason);
}
