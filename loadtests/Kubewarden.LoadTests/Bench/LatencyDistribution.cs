using HdrHistogram;

namespace Kubewarden.LoadTests.Bench;

/// <summary>The distribution of evaluation latencies (µs) and the rate they ran at.</summary>
internal sealed record LatencyDistribution(
    long Count, double MeanMicroseconds, double P50Microseconds, double P90Microseconds, double P99Microseconds, double MaxMicroseconds,
    double EvaluationsPerSecond)
{
    /// <summary>A histogram of nanosecond values, recorded over <paramref name="wall"/>.</summary>
    public static LatencyDistribution Of(LongHistogram nanoseconds, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(nanoseconds);
        return new LatencyDistribution(
            nanoseconds.TotalCount,
            nanoseconds.GetMean() / 1000,
            nanoseconds.GetValueAtPercentile(50) / 1000.0,
            nanoseconds.GetValueAtPercentile(90) / 1000.0,
            nanoseconds.GetValueAtPercentile(99) / 1000.0,
            nanoseconds.GetMaxValue() / 1000.0,
            wall > TimeSpan.Zero ? nanoseconds.TotalCount / wall.TotalSeconds : 0);
    }
}
