using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// One capability answered from a session: the payload becomes the typed request Kubewarden would build, the
/// Kubernetes reads are checked against the policy's <c>contextAwareResources</c> as Kubewarden does after reading the
/// payload, and the session answers.
/// </summary>
internal sealed partial class ReplayedCapability(ReplaySession session, string path, ILogger logger) : IHostCapabilityHandler
{
    private readonly int _separator = path.IndexOf('/', StringComparison.Ordinal);

    public string Namespace => path[.._separator];

    public string Operation => path[(_separator + 1)..];

    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!GuestRequestReader.TryRead(path, payload, out var request, out var error))
        {
            LogInvalidPayload(logger, policy.PolicyId, path, error);
            return HostCallResult.Failure(error);
        }

        if (request.Kind.ReadsKubernetesResources
            && request["api_version"] is ScalarValue { Text: var apiVersion }
            && request["kind"] is ScalarValue { Text: var kind }
            && policy.KubernetesReadDenial(apiVersion, kind) is { } denial)
        {
            LogKubernetesResourceDenied(logger, policy.PolicyId, $"{apiVersion}/{kind}");
            return HostCallResult.Failure(denial);
        }

        if (session.Find(request) is { } exchange)
        {
            return exchange.Answer();
        }

        var description = request.ToString();
        LogNoRecordedAnswer(logger, policy.PolicyId, session.File, description);
        return HostCallResult.CallbackFailure($"the replay session {session.File} has no recorded answer for {description}");
    }

    [LoggerMessage(EventId = ReplayEventIds.NoRecordedAnswer, EventName = nameof(ReplayEventIds.NoRecordedAnswer), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}`: the replay session {SessionFile} has no recorded answer for {Request}")]
    private static partial void LogNoRecordedAnswer(ILogger logger, string policyId, string sessionFile, string request);

    [LoggerMessage(EventId = ReplayEventIds.KubernetesResourceDenied, EventName = nameof(ReplayEventIds.KubernetesResourceDenied), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` asked for Kubernetes {Resource} resources, which its contextAwareResources do not list")]
    private static partial void LogKubernetesResourceDenied(ILogger logger, string policyId, string resource);

    [LoggerMessage(EventId = ReplayEventIds.InvalidPayload, EventName = nameof(ReplayEventIds.InvalidPayload), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` sent a {Capability} payload that cannot be read: {Reason}")]
    private static partial void LogInvalidPayload(ILogger logger, string policyId, string capability, string reason);
}
