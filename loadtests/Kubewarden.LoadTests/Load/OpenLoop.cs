using System.Diagnostics;

namespace Kubewarden.LoadTests.Load;

/// <summary>
/// A constant arrival rate: request i is due at start + i/rate whatever the server does, and its latency is measured
/// from that due time, so time spent waiting behind slow answers is counted (no coordinated omission). At most
/// <c>maxOutstanding</c> requests are in flight; a request due beyond that is counted as <c>overloaded</c>.
/// </summary>
internal sealed class OpenLoop(double rate, int maxOutstanding) : ILoadModel
{
    private static readonly TimeSpan s_drainPoll = TimeSpan.FromMilliseconds(5);

    private int _outstanding;

    public string Description => $"open {rate:0.##}/s";

    public async Task RunAsync(RequestSender sender, LoadStatistics statistics, RunClock clock, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / rate;
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = clock.Start + (long)(i * interval);
            if (due >= clock.End)
            {
                break;
            }

            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                // Task.Delay has millisecond granularity: wake at most 1 ms late, then send everything that is due.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait * 1000.0 / Stopwatch.Frequency)), CancellationToken.None)
                    .ConfigureAwait(false);
            }

            if (Volatile.Read(ref _outstanding) >= maxOutstanding)
            {
                statistics.Record(due, ErrorKinds.Overloaded);
                continue;
            }

            Interlocked.Increment(ref _outstanding);
            _ = Task.Run(() => SendAsync(sender, statistics, due), CancellationToken.None);
        }

        while (Volatile.Read(ref _outstanding) > 0)
        {
            await Task.Delay(s_drainPoll, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(RequestSender sender, LoadStatistics statistics, long due)
    {
        try
        {
            statistics.Record(due, await sender.SendAsync().ConfigureAwait(false));
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }
}
