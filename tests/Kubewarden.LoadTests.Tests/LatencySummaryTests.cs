using HdrHistogram;
using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Tests;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Percentiles_of_known_latencies_are_exact_within_histogram_precision()
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        for (var milliseconds = 1; milliseconds <= 1000; milliseconds++)
        {
            histogram.RecordValue(milliseconds * 1000L);
        }

        var summary = LatencySummary.FromMicroseconds(histogram);

        // 3 significant digits: every value is within 0.1 % of the true one.
        Assert.Equal(500, summary.P50, tolerance: 0.5);
        Assert.Equal(900, summary.P90, tolerance: 0.9);
        Assert.Equal(990, summary.P99, tolerance: 1);
        Assert.Equal(999, summary.P999, tolerance: 1);
        Assert.Equal(1000, summary.Max, tolerance: 1);
        Assert.Equal(500.5, summary.Mean, tolerance: 0.5);
    }

    [Fact]
    public void A_single_outlier_shows_in_max_but_not_in_p50_or_p99()
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        histogram.RecordValueWithCount(2_000, 999);
        histogram.RecordValue(5_000_000);

        var summary = LatencySummary.FromMicroseconds(histogram);

        Assert.Equal(2, summary.P99, tolerance: 0.01);
        Assert.Equal(5000, summary.Max, tolerance: 5);
        Assert.Equal(2, summary.P50, tolerance: 0.01);
    }

    [Fact]
    public void No_successes_give_zeros_rather_than_garbage()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.FromMicroseconds(new LongHistogram(1000, 3)));
    }
}
