using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace Kubewarden.Dapr.LocalSidecar.Tests;

public sealed class StateStoreConfigurationTests
{
    [Fact]
    public async Task ASidecarWithoutStateStores_AnswersDaprdsNotConfigured()
    {
        await using var sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions(), cancellationToken: TestContext.Current.CancellationToken);
        using var client = new DaprClientBuilder().UseGrpcEndpoint(sidecar.Endpoint.ToString()).Build();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.GetStateAsync<string>("statestore", "k", cancellationToken: TestContext.Current.CancellationToken));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.FailedPrecondition, rpc.StatusCode);
        Assert.Equal("state store statestore is not configured", rpc.Status.Detail);
    }

    [Fact]
    public async Task StoresOfOneSidecar_AreSeparate()
    {
        using var directory = new TemporaryDirectory();
        await using var sidecar = await LocalDaprSidecar.StartAsync(
            new LocalDaprSidecarOptions { StateStores = ["first", "second"], StateDirectory = directory.Path },
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = new DaprClientBuilder().UseGrpcEndpoint(sidecar.Endpoint.ToString()).Build();

        await client.SaveStateAsync("first", "k", "1", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(await client.GetStateAsync<string>("second", "k", cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(Directory.Exists(Path.Combine(directory.Path, "first")));
        Assert.True(Directory.Exists(Path.Combine(directory.Path, "second")));
    }

    [Fact]
    public async Task AStoreNameThatIsNoDirectoryName_FailsTheStart()
    {
        using var directory = new TemporaryDirectory();

        await Assert.ThrowsAsync<ArgumentException>(() => LocalDaprSidecar.StartAsync(
            new LocalDaprSidecarOptions { StateStores = [".."], StateDirectory = directory.Path },
            cancellationToken: TestContext.Current.CancellationToken));
    }
}
