using System.Globalization;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Suite;

/// <summary>Measures scenarios against one target: maximum throughput, then latency at half of it (and at 1,000 req/s).</summary>
internal sealed class ScenarioMeasurer(HttpClient client, LoadSettings load, int connections, TextWriter progress)
{
    private const int MaxOutstanding = 1000;

    private readonly LoadRunner _runner = new(client, load, progress);

    public async Task<ScenarioMeasurement> MeasureAsync(Scenario scenario, string target, bool atReferenceRate, CancellationToken stop)
    {
        await progress.WriteLineAsync($"{target} / {scenario.Name}: maximum throughput, closed {connections}").ConfigureAwait(false);
        var max = await _runner.RunAsync(scenario, new ClosedLoop(connections), target, stop).ConfigureAwait(false);
        var half = await OpenAsync(scenario, Math.Max(1, max.Throughput / 2), target, stop).ConfigureAwait(false);
        var reference = atReferenceRate ? await OpenAsync(scenario, SuiteSettings.ReferenceRate, target, stop).ConfigureAwait(false) : null;
        return new ScenarioMeasurement(target, scenario.Name, max, half, reference);
    }

    private async Task<LoadResult> OpenAsync(Scenario scenario, double rate, string target, CancellationToken stop)
    {
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{target} / {scenario.Name}: open loop at {rate:0} req/s"))
            .ConfigureAwait(false);
        return await _runner.RunAsync(scenario, new OpenLoop(rate, MaxOutstanding), target, stop).ConfigureAwait(false);
    }
}
