using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Tests.Targets;

/// <summary>One real policy-server (child process) serving examples/policies.yml, shared by a test class.</summary>
public sealed class PolicyServerFixture : IAsyncLifetime
{
    private readonly string _policies = Path.Combine(Path.GetTempPath(), $"kw-load-test-policies-{Guid.NewGuid():N}.yml");

    internal PolicyServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Examples.WritePolicies(_policies);
        Server = await PolicyServerProcess.StartAsync(new PolicyServerLaunch(_policies) { Workers = 2 }, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        Server.Dispose();
        File.Delete(_policies);
        return ValueTask.CompletedTask;
    }
}
