namespace Kubewarden.LoadTests.Soak;

/// <summary>
/// RSS over a run (MiB): first, last, min, max, growth (last − first) and the least-squares slope over the second half
/// of the run, where warm-up no longer hides a leak; plus the GC collections counted during the run. Null: not available.
/// </summary>
internal sealed record MemorySummary(
    double? FirstMiB, double? LastMiB, double? MinMiB, double? MaxMiB, double? GrowthMiB, double? SlopeMiBPerMinute,
    long? Gen0Collections, long? Gen1Collections, long? Gen2Collections)
{
    public static MemorySummary Of(IReadOnlyList<MemorySample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rss = samples.Where(s => s.Reading.RssMiB is not null).Select(s => (Minutes: s.Elapsed.TotalMinutes, MiB: s.Reading.RssMiB!.Value)).ToList();
        var gc = samples.Where(s => s.Reading.HasGcCounts).Select(s => s.Reading).ToList();
        double? first = rss.Count > 0 ? rss[0].MiB : null;
        double? last = rss.Count > 0 ? rss[^1].MiB : null;
        return new MemorySummary(
            first, last, rss.Count > 0 ? rss.Min(r => r.MiB) : null, rss.Count > 0 ? rss.Max(r => r.MiB) : null, last - first,
            SecondHalfSlope(rss),
            Delta(gc, r => r.Gen0Collections), Delta(gc, r => r.Gen1Collections), Delta(gc, r => r.Gen2Collections));
    }

    private static double? SecondHalfSlope(List<(double Minutes, double MiB)> rss)
    {
        if (rss.Count == 0)
        {
            return null;
        }

        var half = rss[^1].Minutes / 2;
        var points = rss.Where(r => r.Minutes >= half).ToList();
        if (points.Count < 2)
        {
            return null;
        }

        var meanX = points.Average(p => p.Minutes);
        var meanY = points.Average(p => p.MiB);
        var variance = points.Sum(p => (p.Minutes - meanX) * (p.Minutes - meanX));
        return variance == 0 ? null : points.Sum(p => (p.Minutes - meanX) * (p.MiB - meanY)) / variance;
    }

    private static long? Delta(List<MemoryReading> readings, Func<MemoryReading, long?> count) =>
        readings.Count > 0 ? count(readings[^1]) - count(readings[0]) : null;
}
