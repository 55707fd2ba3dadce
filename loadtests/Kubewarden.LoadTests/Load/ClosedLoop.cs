using System.Diagnostics;

namespace Kubewarden.LoadTests.Load;

/// <summary>
/// N workers, each sending its next request as soon as the previous answer arrived. Latency is measured from the
/// send, so a slow server also lowers the offered load (coordinated omission); use the open loop to see queueing.
/// </summary>
internal sealed class ClosedLoop(int connections) : ILoadModel
{
    public string Description => $"closed {connections}";

    public Task RunAsync(RequestSender sender, LoadStatistics statistics, RunClock clock, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkAsync(sender, statistics, clock, stop))));

    private static async Task WorkAsync(RequestSender sender, LoadStatistics statistics, RunClock clock, CancellationToken stop)
    {
        while (!clock.IsOver(stop))
        {
            var started = Stopwatch.GetTimestamp();
            var error = await sender.SendAsync().ConfigureAwait(false);
            statistics.Record(started, error);
        }
    }
}
