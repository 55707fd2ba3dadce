using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Kubernetes.Capabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes;

/// <summary>The <c>kubernetes/*</c> host capabilities over one cluster.</summary>
public static class KubernetesCapabilities
{
    /// <summary>The four handlers: list by namespace, list all, get, can_i.</summary>
    public static IReadOnlyList<IHostCapabilityHandler> Create(KubernetesCluster cluster, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return
        [
            ListResourcesHandler.ByNamespace(cluster, loggerFactory.CreateLogger<ListResourcesHandler>()),
            ListResourcesHandler.All(cluster, loggerFactory.CreateLogger<ListResourcesHandler>()),
            new GetResourceHandler(cluster, time, loggerFactory.CreateLogger<GetResourceHandler>()),
            new CanIHandler(cluster, time, loggerFactory.CreateLogger<CanIHandler>()),
        ];
    }
}
