namespace Kubewarden.LoadTests.Load;

/// <summary>
/// What one measured run produced. <see cref="Throughput"/> counts successful answers per second over the measured
/// window (warm-up excluded); <see cref="Requests"/> counts every request the load model tried, including the ones
/// it dropped as <c>overloaded</c>.
/// </summary>
internal sealed record LoadResult(
    string Scenario,
    string Mode,
    string Target,
    long Requests,
    long Successes,
    IReadOnlyDictionary<string, long> Errors,
    double DurationSeconds,
    double Throughput,
    LatencySummary Latency)
{
    public long ErrorCount => Errors.Values.Sum();
}
