using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Tests.Soak;

public sealed class SoakReportTests
{
    private static readonly LoadResult s_load = new(
        "safe-labels", "open 800/s", "policy-server wasmtime", 480_000, 480_000, new Dictionary<string, long>(), 600, 800, new LatencySummary(1, 2, 3, 4, 5, 1.5));

    private static readonly MemorySummary s_flat = new(120, 121.5, 119, 125, 1.5, 0.25, 900, 12, 1);

    [Fact]
    public void Lists_Rss_GcCounts_Errors_AndTheGoal()
    {
        var text = SoakReport.Format(new SoakResult(s_load, s_flat, "/proc/42/status", 121));

        Assert.Contains("| safe-labels | open 800/s | policy-server wasmtime | 800.0 |", text, StringComparison.Ordinal);
        Assert.Contains("- Memory from /proc/42/status, 121 samples.", text, StringComparison.Ordinal);
        Assert.Contains(
            "- RSS: first 120.0 MiB, last 121.5 MiB, max 125.0 MiB, growth +1.50 MiB, slope over the second half +0.25 MiB/min.",
            text,
            StringComparison.Ordinal);
        Assert.Contains("- GC collections during the soak: gen0 900, gen1 12, gen2 1.", text, StringComparison.Ordinal);
        Assert.Contains("- Errors: 0 of 480000 requests.", text, StringComparison.Ordinal);
        Assert.EndsWith("flat, 0 errors — **met**.", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Growth_or_errors_fail_the_goal()
    {
        var growing = new SoakResult(s_load, s_flat with { SlopeMiBPerMinute = 3 }, "m", 2);
        var failing = new SoakResult(s_load with { Errors = new Dictionary<string, long> { ["timeout"] = 2 } }, s_flat, "m", 2);

        Assert.EndsWith("not flat, 0 errors — **not met**.", SoakReport.Goal(growing), StringComparison.Ordinal);
        Assert.EndsWith(": flat, 2 errors — **not met**.", SoakReport.Goal(failing), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_memory_readings_are_reported_as_not_available()
    {
        var none = new MemorySummary(null, null, null, null, null, null, null, null, null);

        var text = SoakReport.Format(new SoakResult(s_load, none, "not available", 0));

        Assert.Contains("- RSS: not available.", text, StringComparison.Ordinal);
        Assert.Contains("- GC collections: not available.", text, StringComparison.Ordinal);
        Assert.Contains("flatness not available, 0 errors — **not met**.", text, StringComparison.Ordinal);
    }
}
