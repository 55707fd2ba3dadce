using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Soak;

/// <summary>Holds one scenario at a fixed open-loop rate while sampling the target's memory.</summary>
internal sealed class SoakRun(HttpClient client, LoadSettings settings, TextWriter progress)
{
    private const int MaxOutstanding = 1000;

    public async Task<SoakResult> RunAsync(
        Scenario scenario, double rate, string target, IMemorySource memory, TimeSpan sampleInterval, CancellationToken stop)
    {
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var samples = new MemorySampler(memory, sampleInterval, TimeProvider.System).SampleUntilAsync(sampling.Token);
        var load = await new LoadRunner(client, settings, progress)
            .RunAsync(scenario, new OpenLoop(rate, MaxOutstanding), target, stop).ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        var series = await samples.ConfigureAwait(false);
        return new SoakResult(load, MemorySummary.Of(series), memory.Description, series.Count);
    }
}
