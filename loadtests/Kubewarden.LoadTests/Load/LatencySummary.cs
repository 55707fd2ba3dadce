using HdrHistogram;

namespace Kubewarden.LoadTests.Load;

/// <summary>Latency percentiles of successful requests, in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Summarises a histogram recorded in microseconds.</summary>
    public static LatencySummary FromMicroseconds(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            Milliseconds(histogram.GetValueAtPercentile(50)),
            Milliseconds(histogram.GetValueAtPercentile(90)),
            Milliseconds(histogram.GetValueAtPercentile(99)),
            Milliseconds(histogram.GetValueAtPercentile(99.9)),
            Milliseconds(histogram.GetMaxValue()),
            histogram.GetMean() / 1000.0);
    }

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
