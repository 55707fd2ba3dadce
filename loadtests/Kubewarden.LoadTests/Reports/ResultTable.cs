using System.Globalization;
using System.Text;
using Kubewarden.LoadTests.Load;

namespace Kubewarden.LoadTests.Reports;

/// <summary>Renders results as one markdown table, a row per result; latencies in milliseconds.</summary>
internal static class ResultTable
{
    public static readonly string[] Columns =
        ["scenario", "mode", "target", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "mean ms", "requests", "errors"];

    public static string ToMarkdown(IEnumerable<LoadResult> results)
    {
        var table = new StringBuilder();
        table.Append("| ").AppendJoin(" | ", Columns).AppendLine(" |");
        table.Append('|').AppendJoin("", Columns.Select(_ => "---|")).AppendLine();
        foreach (var result in results)
        {
            table.Append("| ").AppendJoin(" | ", Cells(result)).AppendLine(" |");
        }

        return table.ToString();
    }

    private static IEnumerable<string> Cells(LoadResult result)
    {
        var latency = result.Latency;
        return
        [
            Escape(result.Scenario),
            Escape(result.Mode),
            Escape(result.Target),
            Number(result.Throughput, "0.0"),
            Number(latency.P50, "0.###"),
            Number(latency.P90, "0.###"),
            Number(latency.P99, "0.###"),
            Number(latency.P999, "0.###"),
            Number(latency.Max, "0.###"),
            Number(latency.Mean, "0.###"),
            result.Requests.ToString(CultureInfo.InvariantCulture),
            Errors(result),
        ];
    }

    private static string Errors(LoadResult result) =>
        result.Errors.Count == 0
            ? "0"
            : string.Join(", ", result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
