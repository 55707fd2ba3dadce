using System.Diagnostics;

namespace Kubewarden.LoadTests.Load;

/// <summary>The timeline of one run in <see cref="Stopwatch"/> timestamps: start, end of warm-up, end of load.</summary>
internal sealed record RunClock(long Start, long MeasureFrom, long End)
{
    public static RunClock StartingNow(TimeSpan warmup, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        return new RunClock(start, measureFrom, measureFrom + Ticks(duration));
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public bool IsOver(CancellationToken stop) => stop.IsCancellationRequested || Stopwatch.GetTimestamp() >= End;
}
