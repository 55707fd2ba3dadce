using System.Diagnostics;
using System.Globalization;

namespace Kubewarden.LoadTests.Load;

/// <summary>Writes one line per second: elapsed time, answers per second, errors and the last second's p99.</summary>
internal static class ProgressReporter
{
    public static async Task RunAsync(LoadStatistics statistics, RunClock clock, TextWriter output, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var interval = statistics.TakeInterval();
                var seconds = Stopwatch.GetElapsedTime(last, now).TotalSeconds;
                last = now;
                await output.WriteLineAsync(Format(clock, now, interval, seconds)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static string Format(RunClock clock, long now, IntervalSnapshot interval, double seconds)
    {
        var elapsed = Stopwatch.GetElapsedTime(clock.Start, now).TotalSeconds;
        var phase = now < clock.MeasureFrom ? " warm-up" : "";
        var rate = (interval.Successes + interval.NewErrors) / seconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{elapsed,6:0}s{phase}] {rate,9:0} req/s  errors {interval.TotalErrors} (+{interval.NewErrors})  p99 {interval.P99:0.###} ms");
    }
}
