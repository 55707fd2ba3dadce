using System.Diagnostics;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Load;

/// <summary>Runs one scenario under one load model: warm-up, measured window, progress lines, result.</summary>
internal sealed class LoadRunner(HttpClient client, LoadSettings settings, TextWriter progress)
{
    public async Task<LoadResult> RunAsync(Scenario scenario, ILoadModel model, string target, CancellationToken stop)
    {
        var statistics = new LoadStatistics();
        var sender = new RequestSender(client, scenario, settings.HttpVersion, settings.Timeout);
        var clock = RunClock.StartingNow(settings.Warmup, settings.Duration);
        using var runOver = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var warmup = StartMeasuringAfterWarmupAsync(statistics, runOver.Token);
        var reporter = ProgressReporter.RunAsync(statistics, clock, progress, runOver.Token);

        await model.RunAsync(sender, statistics, clock, stop).ConfigureAwait(false);
        var loadEnded = Math.Min(Stopwatch.GetTimestamp(), clock.End);
        await runOver.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(warmup, reporter).ConfigureAwait(false);

        var (latencies, errors) = statistics.Finish();
        var seconds = Math.Max(0, (loadEnded - clock.MeasureFrom) / (double)Stopwatch.Frequency);
        return new LoadResult(
            scenario.Name,
            model.Description,
            target,
            latencies.TotalCount + errors.Values.Sum(),
            latencies.TotalCount,
            errors,
            seconds,
            seconds > 0 ? latencies.TotalCount / seconds : 0,
            LatencySummary.FromMicroseconds(latencies));
    }

    private async Task StartMeasuringAfterWarmupAsync(LoadStatistics statistics, CancellationToken runOver)
    {
        try
        {
            await Task.Delay(settings.Warmup, runOver).ConfigureAwait(false);
            statistics.StartMeasuring();
        }
        catch (OperationCanceledException) when (runOver.IsCancellationRequested)
        {
            // Stopped during warm-up: nothing was measured.
        }
    }
}
