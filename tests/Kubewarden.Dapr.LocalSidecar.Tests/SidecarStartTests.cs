using Kubewarden.Dapr.LocalSidecar;

namespace Kubewarden.Dapr.LocalSidecar.Tests;

public sealed class SidecarStartTests
{
    [Fact]
    public async Task StartAsync_OnPortZero_ListensOnLoopbackWithAPortOfItsOwn()
    {
        await using var first = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions(), cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", first.Endpoint.Host);
        Assert.NotEqual(0, first.Endpoint.Port);
        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
    }
}
