using Microsoft.Extensions.Hosting;

namespace Kubewarden.Hosting.Dapr;

/// <summary>
/// Stops the embedded sidecar with the host. Registered before the Dapr worker, so it stops after it (hosted services
/// stop in reverse order).
/// </summary>
internal sealed class EmbeddedSidecarLifetime(ILocalDaprSidecar sidecar) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await sidecar.DisposeAsync().ConfigureAwait(false);
}
