using Dapr.Client;
using Dapr.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Dapr;

/// <summary>
/// The one way services that use Dapr find their sidecar. With <c>DAPR_GRPC_ENDPOINT</c> or <c>DAPR_GRPC_PORT</c> set
/// (configuration or environment; the Dapr injector sets the port in a cluster) the SDKs use that daprd. Otherwise the
/// embedded local sidecar is started on 127.0.0.1 before the host is built, when this build contains it.
/// </summary>
public static partial class DaprSidecarHosting
{
    /// <summary>Configuration key (and environment variable) of the sidecar's gRPC address, as the Dapr SDKs read it.</summary>
    public const string EndpointKey = "DAPR_GRPC_ENDPOINT";

    /// <summary>Configuration key (and environment variable) of the sidecar's gRPC port on localhost.</summary>
    public const string PortKey = "DAPR_GRPC_PORT";

    /// <summary>Configuration key of the embedded sidecar's state directory (unset: state in memory).</summary>
    public const string StateDirectoryKey = "Dapr:LocalSidecar:StateDirectory";

    /// <summary>Configuration key of the Dapr components folder the embedded sidecar reads its state stores from.</summary>
    public const string ComponentsDirectoryKey = "Dapr:LocalSidecar:ComponentsDirectory";

    private const string LauncherType = "Kubewarden.Dapr.LocalSidecar.LocalDaprSidecarLauncher, Kubewarden.Dapr.LocalSidecar";

    /// <summary>
    /// Chooses the sidecar and points the Dapr SDKs at it; call before <c>Build()</c>. An embedded sidecar stops with
    /// the host.
    /// </summary>
    /// <exception cref="InvalidOperationException">No sidecar is configured and this build has no local sidecar.</exception>
    public static Task<DaprSidecarMode> UseDaprSidecarAsync(this IHostApplicationBuilder builder, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        builder.UseDaprSidecarAsync(loggerFactory, FindLauncher(), cancellationToken);

    /// <summary>Registers <see cref="DaprClient"/> for the sidecar chosen by <see cref="UseDaprSidecarAsync(IHostApplicationBuilder, ILoggerFactory, CancellationToken)"/>.</summary>
    public static IServiceCollection AddKubewardenDaprClient(this IServiceCollection services) =>
        services.AddSingleton(provider => new DaprClientBuilder()
            .UseGrpcEndpoint(Endpoint(provider.GetRequiredService<IConfiguration>()).ToString())
            .Build());

    /// <summary>
    /// Registers the Dapr workflow worker and client with the workflows and activities named in <paramref name="register"/>.
    /// Register every one explicitly: the SDK's generated registration only runs once their assembly is loaded.
    /// </summary>
    public static IServiceCollection AddKubewardenWorkflows(this IServiceCollection services, Action<WorkflowRuntimeOptions> register)
    {
        services.AddDaprWorkflow(register);
        return services;
    }

    internal static async Task<DaprSidecarMode> UseDaprSidecarAsync(
        this IHostApplicationBuilder builder, ILoggerFactory loggerFactory, ILocalDaprSidecarLauncher? launcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var logger = loggerFactory.CreateLogger(typeof(DaprSidecarHosting));
        if (Configured(builder.Configuration) is { } endpoint)
        {
            LogExternal(logger, endpoint);
            return DaprSidecarMode.External;
        }

        if (launcher is null)
        {
            throw new InvalidOperationException(
                $"No Dapr sidecar: set {EndpointKey} (or {PortKey}) to a running daprd — in a cluster the Dapr sidecar injector sets " +
                $"{PortKey} — or start the standalone local sidecar (dotnet run --project tools/dapr-local-sidecar) and set {EndpointKey} " +
                "to the endpoint it prints. This build does not contain the embedded local sidecar (release builds leave it out; " +
                "build with -p:IncludeLocalDaprSidecar=true to include it).");
        }

        var sidecar = await launcher.StartAsync(
            new LocalDaprSidecarRequest(0, builder.Configuration[StateDirectoryKey], builder.Configuration[ComponentsDirectoryKey]),
            loggerFactory,
            cancellationToken).ConfigureAwait(false);
        builder.Configuration[EndpointKey] = sidecar.Endpoint.ToString();
        builder.Services.AddSingleton(sidecar);
        builder.Services.AddHostedService(_ => new EmbeddedSidecarLifetime(sidecar));
        LogEmbedded(logger, sidecar.Endpoint, sidecar.Description);
        return DaprSidecarMode.Embedded;
    }

    private static Uri? Configured(IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey] ?? Environment.GetEnvironmentVariable(EndpointKey);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{EndpointKey} is `{endpoint}`; expected an absolute URL such as http://127.0.0.1:50001");
        }

        var port = configuration[PortKey] ?? Environment.GetEnvironmentVariable(PortKey);
        if (string.IsNullOrWhiteSpace(port))
        {
            return null;
        }

        return int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? new Uri($"http://127.0.0.1:{number}")
            : throw new InvalidOperationException($"{PortKey} is `{port}`; expected a TCP port number (1-65535)");
    }

    private static Uri Endpoint(IConfiguration configuration) =>
        Configured(configuration) ?? throw new InvalidOperationException($"no Dapr sidecar was chosen: call {nameof(UseDaprSidecarAsync)} before building the host");

    private static ILocalDaprSidecarLauncher? FindLauncher()
    {
        Type? type;
        try
        {
            type = Type.GetType(LauncherType, throwOnError: false);
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException)
        {
            return null;
        }

        return type is null ? null : (ILocalDaprSidecarLauncher)Activator.CreateInstance(type)!;
    }

    [LoggerMessage(EventId = 7200, EventName = "DaprSidecarExternal", Level = LogLevel.Information,
        Message = "Dapr: using the sidecar at {Endpoint} (daprd)")]
    private static partial void LogExternal(ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 7201, EventName = "DaprSidecarEmbedded", Level = LogLevel.Information,
        Message = "Dapr: no DAPR_GRPC_ENDPOINT or DAPR_GRPC_PORT, started the embedded local sidecar at {Endpoint} ({Description}); for development and tests only")]
    private static partial void LogEmbedded(ILogger logger, Uri endpoint, string description);
}
