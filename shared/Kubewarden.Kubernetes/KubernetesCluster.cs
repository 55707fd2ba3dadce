using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Store;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes;

/// <summary>
/// Everything the Kubernetes capabilities share: the connection (absent when none could be configured at start),
/// discovery and the watch-backed caches.
/// </summary>
public sealed class KubernetesCluster : IDisposable
{
    /// <summary>Kubewarden's answer when there is no client (spec §2.5).</summary>
    public const string NotInitialized = "kube::Client was not initialized properly";

    /// <summary>How long a call waits for the first list of a kind.</summary>
    public static readonly TimeSpan InitialListWait = TimeSpan.FromSeconds(60);

    private readonly KubernetesConnection? _connection;

    /// <summary>Wraps <paramref name="connection"/> (null: no cluster; every call answers <see cref="NotInitialized"/>).</summary>
    public KubernetesCluster(KubernetesConnection? connection, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _connection = connection;
        if (connection is not null)
        {
            Api = new KubernetesApi(connection);
            Discovery = new ResourceDiscovery(Api);
            Reflectors = new ReflectorRegistry(Api, loggerFactory);
        }
    }

    /// <summary>Whether a connection is configured.</summary>
    public bool IsConfigured => _connection is not null;

    /// <summary>The raw API (null without a connection).</summary>
    public KubernetesApi? Api { get; }

    /// <summary>Kind discovery (null without a connection).</summary>
    public ResourceDiscovery? Discovery { get; }

    /// <summary>The caches (null without a connection).</summary>
    public ReflectorRegistry? Reflectors { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Reflectors?.Dispose();
        _connection?.Dispose();
    }
}
