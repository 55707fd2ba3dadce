using System.Globalization;
using System.Text;
using Kubewarden.Evaluation;

namespace Kubewarden.LoadTests.Bench;

/// <summary>The text <c>kw-load bench</c> prints.</summary>
internal static class BenchReport
{
    public static string Format(BenchOptions options, BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var latency = result.Latency;
        var verdict = result.Allowed ? "allowed" : $"rejected: {result.Message}";
        var failure = result.Failure == EvaluationFailure.None ? "" : $" (failure: {result.Failure})";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"policy    {options.PolicyFile} ({ExecutionModes.NameOf(result.Mode)}, {options.Engine})");
        text.AppendLine(CultureInfo.InvariantCulture, $"request   {options.RequestFile}: {verdict}{failure}");
        text.AppendLine(CultureInfo.InvariantCulture, $"evaluations {latency.Count}, {latency.EvaluationsPerSecond:F0}/s (one thread)");
        text.AppendLine("           mean       p50       p90       p99       max");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"µs   {latency.MeanMicroseconds,10:F1}{latency.P50Microseconds,10:F1}{latency.P90Microseconds,10:F1}{latency.P99Microseconds,10:F1}{latency.MaxMicroseconds,10:F1}");
        return text.ToString();
    }
}
