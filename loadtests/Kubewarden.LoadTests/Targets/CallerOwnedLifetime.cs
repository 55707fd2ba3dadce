using Microsoft.Extensions.Hosting;

namespace Kubewarden.LoadTests.Targets;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: the default console lifetime would swallow them and stop the
/// host silently, while the command (or the load run hosting the target in-process) owns shutdown.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
