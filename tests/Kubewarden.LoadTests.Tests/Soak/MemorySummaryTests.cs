using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Tests.Soak;

public sealed class MemorySummaryTests
{
    [Fact]
    public void Summarizes_Rss_AndTheSecondHalfSlope()
    {
        // Warm-up jump in the first half, then a steady 2 MiB/min growth.
        MemorySample[] samples =
        [
            Sample(0, 100, 10), Sample(1, 180, 20), Sample(2, 150, 30), Sample(3, 152, 40), Sample(4, 154, 55),
        ];

        var summary = MemorySummary.Of(samples);

        Assert.Equal((100, 154, 100, 180, 54), (summary.FirstMiB, summary.LastMiB, summary.MinMiB, summary.MaxMiB, summary.GrowthMiB));
        Assert.Equal(2, summary.SlopeMiBPerMinute.GetValueOrDefault(), precision: 6);
        Assert.Equal(45, summary.Gen0Collections);
    }

    [Fact]
    public void WithoutReadings_EverythingIsNotAvailable()
    {
        var summary = MemorySummary.Of([new MemorySample(TimeSpan.Zero, MemoryReading.NotAvailable)]);

        Assert.Equal(new MemorySummary(null, null, null, null, null, null, null, null, null), summary);
    }

    private static MemorySample Sample(int minute, double mib, long gen0) => new(TimeSpan.FromMinutes(minute), new MemoryReading(mib, gen0, 0, 0));
}
