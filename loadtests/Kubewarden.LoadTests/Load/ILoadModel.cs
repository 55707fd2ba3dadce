namespace Kubewarden.LoadTests.Load;

/// <summary>How requests are generated over time: closed loop (fixed concurrency) or open loop (fixed rate).</summary>
internal interface ILoadModel
{
    /// <summary>A short label for reports, e.g. "closed 16" or "open 500/s".</summary>
    string Description { get; }

    /// <summary>Generates load until the clock's end or <paramref name="stop"/>, then waits for answers in flight.</summary>
    Task RunAsync(RequestSender sender, LoadStatistics statistics, RunClock clock, CancellationToken stop);
}
