using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Kubernetes.Api;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary>
/// What every <c>kubernetes/*</c> capability does around its own work: read the payload, answer
/// <see cref="KubernetesCluster.NotInitialized"/> without a cluster, and turn API failures into callback failures.
/// </summary>
/// <typeparam name="TRequest">The payload type.</typeparam>
internal abstract partial class KubernetesHandler<TRequest> : IHostCapabilityHandler
    where TRequest : class
{
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    protected KubernetesHandler(KubernetesCluster cluster, ILogger logger)
    {
        Cluster = cluster;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Namespace => "kubernetes";

    /// <inheritdoc />
    public abstract string Operation { get; }

    /// <summary>The cluster the calls go to.</summary>
    protected KubernetesCluster Cluster { get; }

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var capability = $"kubernetes/{Operation}";
        if (KubernetesRequests.Read<TRequest>(payload, capability, out var error) is not { } request)
        {
            return HostCallResult.Failure(error);
        }

        if (Invalid(request) is { } invalid)
        {
            return HostCallResult.Failure($"invalid {capability} request: {invalid}");
        }

        if (Denied(policy, request) is { } denial)
        {
            return HostCallResult.Failure(denial);
        }

        if (!Cluster.IsConfigured)
        {
            return HostCallResult.CallbackFailure(KubernetesCluster.NotInitialized);
        }

        try
        {
            return Answer(request);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TaskCanceledException or FormatException or System.Text.Json.JsonException)
        {
            LogFailed(_logger, policy.PolicyId, capability, e.Message);
            return HostCallResult.CallbackFailure(e.Message);
        }
    }

    /// <summary>What is wrong with a payload that parsed but is not a valid request, or null.</summary>
    protected virtual string? Invalid(TRequest request) => null;

    /// <summary>The grant check of <paramref name="request"/>, or null when the policy may make it.</summary>
    protected abstract string? Denied(PolicyContext policy, TRequest request);

    /// <summary>The answer; failures may throw <see cref="KubernetesApiException"/>.</summary>
    protected abstract HostCallResult Answer(TRequest request);

    /// <summary>The kind, or a callback failure saying the API server does not serve it.</summary>
    protected ApiResource Discover(string apiVersion, string kind) =>
        Cluster.Discovery!.FindAsync(apiVersion, kind, CancellationToken.None).GetAwaiter().GetResult()
        ?? throw new KubernetesApiException($"Cannot find resource {apiVersion}/{kind}");

    [LoggerMessage(EventId = KubernetesEventIds.CapabilityFailed, EventName = nameof(KubernetesEventIds.CapabilityFailed), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}`: {Capability} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string policyId, string capability, string error);
}
