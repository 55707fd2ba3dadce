using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Reports;

namespace Kubewarden.LoadTests.Tests;

public sealed class ReportTests
{
    private static readonly LoadResult s_result = new(
        "privileged",
        "open 500/s",
        "kubewarden|rust",
        15_000,
        14_990,
        new Dictionary<string, long> { ["timeout"] = 4, ["http-500"] = 6 },
        30,
        499.67,
        new LatencySummary(1.25, 2.5, 7.125, 12.5, 40, 1.5));

    [Fact]
    public void Markdown_table_has_one_column_per_figure_and_a_row_per_result()
    {
        var lines = ResultTable.ToMarkdown([s_result, s_result with { Scenario = "other" }]).TrimEnd().Split(Environment.NewLine);

        Assert.Equal(4, lines.Length);
        Assert.Equal(
            "| scenario | mode | target | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | requests | errors |",
            lines[0]);
        Assert.Equal(13, lines[1].Count(c => c == '|'));
        Assert.Equal(
            @"| privileged | open 500/s | kubewarden\|rust | 499.7 | 1.25 | 2.5 | 7.125 | 12.5 | 40 | 1.5 | 15000 | http-500: 6, timeout: 4 |",
            lines[2]);
        Assert.StartsWith("| other |", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_export_round_trips()
    {
        var json = JsonReport.Serialize([s_result]);

        var read = Assert.Single(JsonReport.Deserialize(json));

        Assert.Contains("\"p99\": 7.125", json, StringComparison.Ordinal);
        Assert.Equal(s_result.Latency, read.Latency);
        Assert.Equal(s_result.Errors, read.Errors);
        Assert.Equal(s_result with { Errors = read.Errors }, read);
    }

    [Fact]
    public void Report_writer_puts_titled_sections_in_order()
    {
        var report = new ReportWriter("Policy-server load")
            .AddResults("Closed loop", [s_result])
            .AddSection("Ratio to baseline", "0.82 of bare Kestrel: goal met")
            .ToString();

        var titles = report.Split(Environment.NewLine).Where(line => line.StartsWith('#')).ToList();
        Assert.Equal(["# Policy-server load", "## Closed loop", "## Ratio to baseline"], titles);
        Assert.Contains("| privileged |", report, StringComparison.Ordinal);
        Assert.EndsWith("0.82 of bare Kestrel: goal met" + Environment.NewLine, report, StringComparison.Ordinal);
    }
}
