using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Evaluation.Rego;
using Kubewarden.HostCapabilities.Crypto;
using Kubewarden.HostCapabilities.Net;
using Kubewarden.HostCapabilities.Oci;
using Kubewarden.HostCapabilities.Replay;
using Kubewarden.HostCapabilities.Sigstore;
using Kubewarden.Kubernetes;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Rego;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer;

/// <summary>The host capabilities the policies' host calls reach, behind the one dispatcher.</summary>
internal static partial class HostCapabilitiesServiceCollectionExtensions
{
    public static IServiceCollection AddHostCapabilities(this IServiceCollection services, PolicyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IHostCapabilityHandler, TracingLogHandler>();
        services.AddKubernetes(options);
        if (options.ReplayHostCapabilitiesInteractions is { } sessionFile)
        {
            services.AddReplayedHostCapabilities(sessionFile);
            services.AddSingleton(provider => new HostCapabilityDispatcher(
                [.. provider.GetServices<IHostCapabilityHandler>(), .. provider.GetRequiredService<ReplayedHostCapabilities>().Handlers],
                provider.GetRequiredService<ILogger<HostCapabilityDispatcher>>()));
            return services;
        }

        // The registry capabilities share the policy fetcher's OCI client (AddPolicyFetching): same sources and credentials.
        services.AddSingleton<IHostCapabilityHandler, ManifestDigestHandler>();
        services.AddSingleton<IHostCapabilityHandler, OciManifestHandler>();
        services.AddSingleton<IHostCapabilityHandler, OciManifestConfigHandler>();
        services.AddSingleton<IHostCapabilityHandler, DnsLookupHostHandler>();
        services.AddSingleton<IHostCapabilityHandler, IsCertificateTrustedHandler>();
        services.AddSingleton<SigstoreVerificationService>();
        services.AddSingleton<IHostCapabilityHandler, OciVerifyV1Handler>();
        services.AddSingleton<IHostCapabilityHandler, OciVerifyV2Handler>();
        services.AddSingleton(provider => new HostCapabilityDispatcher(
            [
                .. provider.GetServices<IHostCapabilityHandler>(),
                .. KubernetesCapabilities.Create(
                    provider.GetRequiredService<KubernetesCluster>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>()),
            ],
            provider.GetRequiredService<ILogger<HostCapabilityDispatcher>>()));
        return services;
    }

    /// <summary>
    /// The cluster connection is configured at start without calling the API server (an unreachable server is not a
    /// start-up error); the caches fill on the first call that needs them.
    /// </summary>
    private static void AddKubernetes(this IServiceCollection services, PolicyServerOptions options)
    {
        services.AddSingleton(provider =>
        {
            var connection = KubernetesConnectionFactory.TryCreate(options.Kubeconfig, out var reason);
            var logger = provider.GetRequiredService<ILogger<KubernetesCluster>>();
            if (connection is null)
            {
                LogKubernetesUnavailable(logger, reason, options.IgnoreKubernetesConnectionFailure);
            }
            else
            {
                LogKubernetesConfigured(logger, connection.Server.ToString(), connection.Source);
            }

            return new KubernetesCluster(connection, provider.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton(provider => new ContextAwareSupport(
            provider.GetRequiredService<KubernetesCluster>().IsConfigured || options.IgnoreKubernetesConnectionFailure
            || options.ReplayHostCapabilitiesInteractions is not null));
        services.AddSingleton<IRegoInventorySource>(provider => new KubernetesRegoInventories(provider.GetRequiredService<KubernetesCluster>()));
    }

    [LoggerMessage(EventId = PolicyServerEventIds.KubernetesConfigured, EventName = nameof(PolicyServerEventIds.KubernetesConfigured), Level = LogLevel.Information,
        Message = "Kubernetes API server {Server} configured from {Source}; context-aware policies read it through watch-backed caches")]
    private static partial void LogKubernetesConfigured(ILogger logger, string server, string source);

    [LoggerMessage(EventId = PolicyServerEventIds.KubernetesUnavailable, EventName = nameof(PolicyServerEventIds.KubernetesUnavailable), Level = LogLevel.Warning,
        Message = "No Kubernetes client: {Reason}. Policies without contextAwareResources are served; kubernetes/* host calls answer " +
            "\"kube::Client was not initialized properly\" (--ignore-kubernetes-connection-failure: {Ignored}). Mount a service account or set KUBECONFIG to use context-aware policies")]
    private static partial void LogKubernetesUnavailable(ILogger logger, string reason, bool ignored);

    /// <summary>
    /// Every gated capability answers from the session and no live handler is registered. The file is read now, so
    /// a file that cannot be used stops the start.
    /// </summary>
    private static void AddReplayedHostCapabilities(this IServiceCollection services, string sessionFile)
    {
        ReplaySession session;
        try
        {
            session = ReplaySession.Load(sessionFile);
        }
        catch (ReplaySessionException e)
        {
            throw new PolicyServerStartupException($"--replay-host-capabilities-interactions: {e.Message}", e);
        }

        services.AddSingleton(session);
        services.AddSingleton<ReplayedHostCapabilities>();
    }
}
