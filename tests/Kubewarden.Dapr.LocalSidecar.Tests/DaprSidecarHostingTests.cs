using Dapr.Client;
using Kubewarden.Dapr.LocalSidecar.Components;
using Kubewarden.Hosting.Dapr;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Dapr.LocalSidecar.Tests;

/// <summary>How a service finds its sidecar: daprd when configured, else the embedded local sidecar, else a clear error.</summary>
public sealed class DaprSidecarHostingTests : IDisposable
{
    private readonly DirectoryInfo _components = Directory.CreateTempSubdirectory("kubewarden-components");

    public DaprSidecarHostingTests()
    {
        File.WriteAllText(Path.Combine(_components.FullName, "state.yaml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: test-state
            spec:
              type: state.redis
              version: v1
            ---
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: events
            spec:
              type: pubsub.redis
              version: v1
            """);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _components.Delete(recursive: true);

    [Theory]
    [InlineData(DaprSidecarHosting.EndpointKey, "http://127.0.0.1:50009")]
    [InlineData(DaprSidecarHosting.PortKey, "50009")]
    public async Task ConfiguredSidecar_IsUsedAndNothingIsStarted(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[key] = value;

        var mode = await builder.UseDaprSidecarAsync(NullLoggerFactory.Instance, new LocalDaprSidecarLauncher(), Ct);

        Assert.Equal(DaprSidecarMode.External, mode);
        Assert.DoesNotContain(builder.Services, s => s.ServiceType == typeof(ILocalDaprSidecar));
    }

    [Fact]
    public async Task NoSidecarConfigured_StartsTheEmbeddedOne_AndDaprClientUsesIt()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[DaprSidecarHosting.ComponentsDirectoryKey] = _components.FullName;

        var mode = await builder.UseDaprSidecarAsync(NullLoggerFactory.Instance, Ct);
        builder.Services.AddKubewardenDaprClient();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var sidecar = host.Services.GetRequiredService<ILocalDaprSidecar>();
        var client = host.Services.GetRequiredService<DaprClient>();
        await client.SaveStateAsync("test-state", "greeting", "hello", cancellationToken: Ct);

        Assert.Equal(DaprSidecarMode.Embedded, mode);
        Assert.Equal(sidecar.Endpoint.ToString(), builder.Configuration[DaprSidecarHosting.EndpointKey]);
        Assert.Equal("hello", await client.GetStateAsync<string>("test-state", "greeting", cancellationToken: Ct));
        Assert.Contains("test-state", sidecar.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("events", sidecar.Description, StringComparison.Ordinal);

        await host.StopAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetStateAsync<string>("test-state", "greeting", cancellationToken: Ct));
    }

    [Fact]
    public async Task NoSidecarConfiguredAndNoLocalSidecarInTheBuild_FailsSayingWhatToRun()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => builder.UseDaprSidecarAsync(NullLoggerFactory.Instance, launcher: null, Ct));

        Assert.Contains("set DAPR_GRPC_ENDPOINT (or DAPR_GRPC_PORT) to a running daprd", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project tools/dapr-local-sidecar", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DaprSidecarHosting.PortKey, "fifty", "DAPR_GRPC_PORT is `fifty`; expected a TCP port number (1-65535)")]
    [InlineData(DaprSidecarHosting.EndpointKey, "localhost-50001", "DAPR_GRPC_ENDPOINT is `localhost-50001`; expected an absolute URL such as http://127.0.0.1:50001")]
    public async Task MalformedSidecarSetting_FailsNamingIt(string key, string value, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[key] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => builder.UseDaprSidecarAsync(NullLoggerFactory.Instance, new LocalDaprSidecarLauncher(), Ct));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ComponentFiles_DeclareTheStateStoresOnly()
    {
        Assert.Equal(["test-state"], DaprComponentFiles.StateStores(_components.FullName));
    }

    [Fact]
    public void RepositoryComponents_DeclareTheServicesStateStore()
    {
        var folder = DaprComponentFiles.FindRepositoryFolder(AppContext.BaseDirectory);

        Assert.NotNull(folder);
        Assert.Contains("kubewarden-state", DaprComponentFiles.StateStores(folder));
    }
}
