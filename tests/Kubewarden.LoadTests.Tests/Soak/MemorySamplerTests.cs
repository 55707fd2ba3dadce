using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Tests.Soak;

public sealed class MemorySamplerTests
{
    [Fact]
    public async Task SamplesAtTheInterval_UntilStopped()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromMilliseconds(350));
        var source = CombinedMemorySource.ForTarget(null, null, Environment.ProcessId);

        var samples = await new MemorySampler(source, TimeSpan.FromMilliseconds(100), TimeProvider.System).SampleUntilAsync(stop.Token);

        Assert.InRange(samples.Count, 2, 5);
        Assert.All(samples, s => Assert.NotNull(s.Reading.RssMiB));
        Assert.InRange(samples[0].Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }
}
