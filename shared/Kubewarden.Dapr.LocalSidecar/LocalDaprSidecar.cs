using System.Net;
using Kubewarden.Dapr.LocalSidecar.State;
using Kubewarden.Dapr.LocalSidecar.Workflows;
using Kubewarden.Hosting.Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar;

/// <summary>
/// A stand-in for daprd on 127.0.0.1 for laptops, tests and CI: Dapr's state API and workflow API over gRPC (HTTP/2),
/// on one port, as daprd serves them. Never part of a production image.
/// </summary>
public sealed class LocalDaprSidecar : ILocalDaprSidecar
{
    private readonly WebApplication _app;

    private LocalDaprSidecar(WebApplication app, Uri endpoint, string description)
    {
        _app = app;
        Endpoint = endpoint;
        Description = description;
    }

    /// <summary>The address to give the Dapr SDKs (<c>DAPR_GRPC_ENDPOINT</c>), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Starts a sidecar and returns once it accepts connections.</summary>
    public static async Task<LocalDaprSidecar> StartAsync(LocalDaprSidecarOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2));
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddGrpc();
        builder.Services.AddLocalDaprState(options);
        builder.Services.AddLocalDaprWorkflows();
        var app = builder.Build();
        app.MapLocalDaprState();
        app.MapLocalDaprWorkflows();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var state = options.StateDirectory is { } directory ? $"on disk under {directory}" : "in memory";
        var description = $"state stores {(options.StateStores.Count == 0 ? "none" : string.Join(", ", options.StateStores))} {state}; workflows in memory";
        return new LocalDaprSidecar(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)), description);
    }

    /// <summary>Waits until the process is asked to stop (Ctrl+C, SIGTERM): for the standalone runner.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
