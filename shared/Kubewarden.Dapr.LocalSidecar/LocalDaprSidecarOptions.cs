namespace Kubewarden.Dapr.LocalSidecar;

/// <summary>How a local sidecar is started.</summary>
public sealed record LocalDaprSidecarOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (each app its own sidecar, as with daprd).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Where state stores keep their data (one subdirectory per store); null keeps state in memory, lost when the
    /// process ends.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>The state store names served (those declared in <c>components/</c>); others answer daprd's unknown-store error.</summary>
    public IReadOnlyCollection<string> StateStores { get; init; } = [];
}
