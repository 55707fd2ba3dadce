using System.Globalization;
using System.Text;
using Kubewarden.LoadTests.Reports;

namespace Kubewarden.LoadTests.Soak;

/// <summary>A soak as a markdown section body: the load table, RSS and GC figures, errors and the goal line.</summary>
internal static class SoakReport
{
    public static string Format(SoakResult soak)
    {
        ArgumentNullException.ThrowIfNull(soak);
        var memory = soak.Memory;
        var text = new StringBuilder()
            .AppendLine(ResultTable.ToMarkdown([soak.Load]))
            .AppendLine(Invariant($"- Memory from {soak.MemorySource}, {soak.Samples} samples."))
            .AppendLine(memory.FirstMiB is null
                ? "- RSS: not available."
                : $"- RSS: first {MiB(memory.FirstMiB)}, last {MiB(memory.LastMiB)}, max {MiB(memory.MaxMiB)}, growth {Signed(memory.GrowthMiB)} MiB, " +
                  $"slope over the second half {(memory.SlopeMiBPerMinute is { } slope ? Signed(slope) + " MiB/min" : "not available")}.")
            .AppendLine(memory.Gen0Collections is null
                ? "- GC collections: not available."
                : Invariant($"- GC collections during the soak: gen0 {memory.Gen0Collections}, gen1 {memory.Gen1Collections}, gen2 {memory.Gen2Collections}."))
            .AppendLine(Invariant($"- Errors: {soak.Load.ErrorCount} of {soak.Load.Requests} requests."))
            .AppendLine(Goal(soak));
        return text.ToString();
    }

    /// <summary>The goal line: flat RSS and no errors, met or not met.</summary>
    public static string Goal(SoakResult soak)
    {
        ArgumentNullException.ThrowIfNull(soak);
        var flat = soak.IsFlat switch { true => "flat", false => "not flat", null => "flatness not available" };
        return Invariant(
            $"- Goal: flat RSS (second-half slope within ±{SoakResult.FlatSlopeMiBPerMinute} MiB/min) and 0 errors: {flat}, {soak.Load.ErrorCount} errors — **{(soak.GoalMet ? "met" : "not met")}**.");
    }

    private static string MiB(double? value) => Invariant($"{value:0.0} MiB");

    private static string Signed(double? value) => Invariant($"{value:+0.00;-0.00;0.00}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
