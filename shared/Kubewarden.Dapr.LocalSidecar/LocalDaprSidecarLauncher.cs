using Kubewarden.Dapr.LocalSidecar.Components;
using Kubewarden.Hosting.Dapr;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar;

/// <summary>
/// What the hosting layer finds by name when a service starts without a daprd: a local sidecar serving the state
/// stores of the Dapr components folder.
/// </summary>
public sealed class LocalDaprSidecarLauncher : ILocalDaprSidecarLauncher
{
    /// <inheritdoc />
    public async Task<ILocalDaprSidecar> StartAsync(LocalDaprSidecarRequest request, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var components = request.ComponentsDirectory
            ?? DaprComponentFiles.FindRepositoryFolder(AppContext.BaseDirectory)
            ?? DaprComponentFiles.FindRepositoryFolder(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException(
                $"the local Dapr sidecar cannot find the Dapr components folder: set {DaprSidecarHosting.ComponentsDirectoryKey} to the folder declaring the state stores");
        var options = new LocalDaprSidecarOptions
        {
            Port = request.Port,
            StateDirectory = request.StateDirectory,
            StateStores = DaprComponentFiles.StateStores(components),
        };
        return await LocalDaprSidecar.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
    }
}
