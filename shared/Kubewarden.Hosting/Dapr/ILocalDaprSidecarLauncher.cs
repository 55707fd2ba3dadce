using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Dapr;

/// <summary>
/// Starts local Dapr sidecars. Implemented by the <c>Kubewarden.Dapr.LocalSidecar</c> assembly, which only dev hosts and
/// tests reference: the hosting layer finds it by name, so production builds run without it.
/// </summary>
public interface ILocalDaprSidecarLauncher
{
    /// <summary>Starts a sidecar and returns once it accepts connections.</summary>
    Task<ILocalDaprSidecar> StartAsync(LocalDaprSidecarRequest request, ILoggerFactory loggerFactory, CancellationToken cancellationToken);
}

/// <summary>What a local sidecar should serve.</summary>
/// <param name="Port">TCP port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="StateDirectory">Where state stores keep their data; null keeps it in memory.</param>
/// <param name="ComponentsDirectory">The Dapr components folder declaring the state stores; null finds the repository's <c>components/</c>.</param>
public sealed record LocalDaprSidecarRequest(int Port, string? StateDirectory, string? ComponentsDirectory);
