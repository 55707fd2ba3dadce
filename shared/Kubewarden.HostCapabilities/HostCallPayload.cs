using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities;

/// <summary>Reads the JSON payload of a host call into the type a capability expects.</summary>
internal static class HostCallPayload
{
    /// <summary>
    /// Deserializes <paramref name="payload"/>; when it is not the expected JSON, <paramref name="failure"/> is the host
    /// error naming the capability and what it expects (like Kubewarden, not wrapped as a callback failure).
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> type, PolicyContext policy, string capability, string expected,
        ILogger logger, [NotNullWhen(true)] out T? value, out HostCallResult failure)
    {
        string error;
        try
        {
            value = JsonSerializer.Deserialize(payload, type);
            if (value is not null)
            {
                failure = default;
                return true;
            }

            error = $"the payload of {capability} must be {expected}, not null";
        }
        catch (JsonException e)
        {
            value = default;
            error = $"the payload of {capability} must be {expected}: {e.Message}";
        }

        logger.PayloadInvalid(policy.PolicyId, capability, error);
        failure = HostCallResult.Failure(error);
        return false;
    }
}
