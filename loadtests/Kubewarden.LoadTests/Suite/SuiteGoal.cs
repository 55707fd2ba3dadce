using System.Globalization;

namespace Kubewarden.LoadTests.Suite;

/// <summary>One goal of the suite, what was measured against it and whether it was met.</summary>
internal sealed record SuiteGoal(string Goal, string Measured, bool Met)
{
    /// <summary>The headline policy's throughput must reach this fraction of the baseline's.</summary>
    public const double ThroughputRatio = 0.6;

    /// <summary>The headline policy's p99 at 1,000 req/s must stay within this, in milliseconds.</summary>
    public const double P99Milliseconds = 1.0;

    public override string ToString() => $"- {Goal}: {Measured} — **{(Met ? "met" : "not met")}**";

    /// <summary>The throughput and p99 goals of the headline policy on each engine.</summary>
    public static IEnumerable<SuiteGoal> Evaluate(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var baseline = result.Baseline.MaxThroughput.Throughput;
        foreach (var headline in result.Measurements.Where(m => m.Scenario == result.Headline))
        {
            var ratio = Ratio(headline.MaxThroughput.Throughput, baseline);
            yield return new SuiteGoal(
                Invariant($"{headline.Scenario} on {headline.Target}: throughput ≥ {ThroughputRatio} × baseline"),
                Invariant($"{ratio:0.000} × ({headline.MaxThroughput.Throughput:0} vs {baseline:0} req/s)"),
                ratio >= ThroughputRatio);
            if (headline.AtThousand is { } reference)
            {
                yield return new SuiteGoal(
                    Invariant($"{headline.Scenario} on {headline.Target}: p99 ≤ {P99Milliseconds} ms at {SuiteSettings.ReferenceRate:0} req/s"),
                    Invariant($"p99 {reference.Latency.P99:0.###} ms, {reference.ErrorCount} errors"),
                    reference.Latency.P99 <= P99Milliseconds && reference.ErrorCount == 0 && reference.Successes > 0);
            }
        }
    }

    /// <summary><paramref name="throughput"/> / <paramref name="baseline"/>, 0 without a baseline.</summary>
    public static double Ratio(double throughput, double baseline) => baseline > 0 ? throughput / baseline : 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
