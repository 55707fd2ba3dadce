using System.Globalization;
using System.Text;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Reports;
using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Suite;

/// <summary>The suite's markdown report: setup, a table per section, ratios to the baseline, goals met or not.</summary>
internal static class SuiteReport
{
    private const string Published =
        "For orientation (other machines, other clients): Kubewarden publishes ≈1,600 req/s with 2 workers (RFC 0011) " +
        "and ≈2.0 ms average per request in a k6 run (RFC 0021).";

    public static string ToMarkdown(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = result.Settings;
        var report = new ReportWriter($"kw-load suite, {result.Started:yyyy-MM-dd}")
            .AddSection("Setup", Setup(result))
            .AddSection("Goals", string.Join(Environment.NewLine, Goals(result)) + Environment.NewLine + Environment.NewLine + Published)
            .AddSection(
                $"Maximum throughput (closed loop, {settings.Connections} connections)",
                ResultTable.ToMarkdown(All(result, m => m.MaxThroughput)) + Environment.NewLine + Ratios(result))
            .AddResults("Latency at 50 % of each one's maximum throughput (open loop)", All(result, m => m.HalfLoad))
            .AddResults(
                Invariant($"{result.Headline} at {SuiteSettings.ReferenceRate:0} req/s (open loop)"),
                All(result, m => m.AtThousand).OfType<LoadResult>());
        if (result.Soak is { } soak)
        {
            report.AddSection($"Soak: {soak.Load.Scenario}", SoakReport.Format(soak));
        }

        report.AddSection("Skipped scenarios", result.Skipped.Count == 0
            ? "None."
            : string.Join(Environment.NewLine, result.Skipped.Select(s => $"- {s.Scenario}: {s.Reason}")));
        return report.ToString();
    }

    /// <summary>Every goal line: the headline policy's throughput and p99 on each engine, then the soak's.</summary>
    public static IEnumerable<string> Goals(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = SuiteGoal.Evaluate(result).Select(g => g.ToString());
        return result.Soak is { } soak ? lines.Append(SoakReport.Goal(soak)) : lines.Append("- Soak: not run (pass --soak 10m).");
    }

    /// <summary>A table of each scenario's maximum throughput as a fraction of the baseline's.</summary>
    public static string Ratios(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var baseline = result.Baseline.MaxThroughput.Throughput;
        var table = new StringBuilder("| target | scenario | req/s | × baseline |").AppendLine().AppendLine("|---|---|---|---|");
        foreach (var m in result.Measurements)
        {
            table.AppendLine(Invariant(
                $"| {m.Target} | {m.Scenario} | {m.MaxThroughput.Throughput:0.0} | {SuiteGoal.Ratio(m.MaxThroughput.Throughput, baseline):0.00} |"));
        }

        return table.ToString();
    }

    private static string Setup(SuiteResult result)
    {
        var s = result.Settings;
        var soak = s.Soak is { } duration ? $"; soak {RunCommand.Seconds(duration)} at {SuiteSettings.SoakLoad:P0} of the headline's maximum" : "";
        return string.Join(Environment.NewLine,
        [
            Invariant($"- Date: {result.Started:yyyy-MM-dd HH:mm} UTC"),
            Invariant($"- Machine: {result.Machine}, {result.Cores} cores; the load client, the baseline and the policy-server share them, so every figure is lower than with a separate client machine."),
            $"- Headline policy: {result.Headline}, from the {result.PolicySource}.",
            Invariant($"- Targets: baseline = bare Kestrel over HTTPS answering a canned AdmissionReview (the machine's HTTP ceiling); our policy-server with --workers {s.Workers} on each engine, HTTPS, HTTP/1.1."),
            $"- Each scenario: {RunCommand.Seconds(s.Warmup)} warm-up then {RunCommand.Seconds(s.Duration)} measured per run{soak}. req/s counts successful answers; percentiles cover successful answers.",
            .. result.Notes.Select(n => $"- {n}"),
        ]);
    }

    private static IEnumerable<T> All<T>(SuiteResult result, Func<ScenarioMeasurement, T> pick) =>
        result.Measurements.Prepend(result.Baseline).Select(pick);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
