using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Soak;
using Kubewarden.LoadTests.Suite;

namespace Kubewarden.LoadTests.Tests.Suite;

public sealed class SuiteReportTests
{
    private static readonly SuiteResult s_result = new(
        new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.Zero),
        "Linux",
        2,
        new SuiteSettings(16, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), null),
        "shared corpus",
        "tinygo",
        Measurement("baseline", "tinygo", 5000, p99AtThousand: 0.5),
        [Measurement("policy-server wasmtime", "tinygo", 3500, p99AtThousand: 0.8), Measurement("policy-server v8", "tinygo", 1000, p99AtThousand: 4)],
        null,
        ["a note"],
        [new SkippedScenario("mutating policy", "none exists")]);

    [Fact]
    public void Has_a_section_per_part_in_order()
    {
        var sections = SuiteReport.ToMarkdown(s_result).Split(Environment.NewLine).Where(l => l.StartsWith('#')).ToList();

        Assert.Equal(
        [
            "# kw-load suite, 2026-11-29",
            "## Setup",
            "## Goals",
            "## Maximum throughput (closed loop, 16 connections)",
            "## Latency at 50 % of each one's maximum throughput (open loop)",
            "## tinygo at 1000 req/s (open loop)",
            "## Skipped scenarios",
        ], sections);
    }

    [Fact]
    public void States_the_machine_the_corpus_notes_and_skipped_scenarios()
    {
        var markdown = SuiteReport.ToMarkdown(s_result);

        Assert.Contains("- Machine: Linux, 2 cores;", markdown, StringComparison.Ordinal);
        Assert.Contains("- Headline policy: tinygo, from the shared corpus.", markdown, StringComparison.Ordinal);
        Assert.Contains("- a note", markdown, StringComparison.Ordinal);
        Assert.Contains("- mutating policy: none exists", markdown, StringComparison.Ordinal);
        Assert.Contains("RFC 0011", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratios_divide_by_the_baseline_throughput()
    {
        var lines = SuiteReport.Ratios(s_result).TrimEnd().Split(Environment.NewLine);

        Assert.Equal("| target | scenario | req/s | × baseline |", lines[0]);
        Assert.Equal("| policy-server wasmtime | tinygo | 3500.0 | 0.70 |", lines[2]);
        Assert.Equal("| policy-server v8 | tinygo | 1000.0 | 0.20 |", lines[3]);
    }

    [Fact]
    public void Goals_are_stated_met_or_not_met_per_engine_then_the_soak()
    {
        Assert.Equal(
        [
            "- tinygo on policy-server wasmtime: throughput ≥ 0.6 × baseline: 0.700 × (3500 vs 5000 req/s) — **met**",
            "- tinygo on policy-server wasmtime: p99 ≤ 1 ms at 1000 req/s: p99 0.8 ms, 0 errors — **met**",
            "- tinygo on policy-server v8: throughput ≥ 0.6 × baseline: 0.200 × (1000 vs 5000 req/s) — **not met**",
            "- tinygo on policy-server v8: p99 ≤ 1 ms at 1000 req/s: p99 4 ms, 0 errors — **not met**",
            "- Soak: not run (pass --soak 10m).",
        ], SuiteReport.Goals(s_result));
    }

    [Fact]
    public void A_soak_adds_its_section_and_goal()
    {
        var soak = new SoakResult(
            Result("tinygo", "open 2800/s", "policy-server wasmtime", 2800, 1), new MemorySummary(100, 100, 100, 100, 0, 0, 1, 0, 0), "/metrics", 10);

        var markdown = SuiteReport.ToMarkdown(s_result with { Soak = soak });

        Assert.Contains("## Soak: tinygo", markdown, StringComparison.Ordinal);
        Assert.Equal("- Goal: flat RSS (second-half slope within ±1 MiB/min) and 0 errors: flat, 0 errors — **met**.", SuiteReport.Goals(s_result with { Soak = soak }).Last());
    }

    [Fact]
    public void Json_holds_the_whole_result()
    {
        var json = Reports.JsonReport.Serialize(s_result);

        Assert.Contains("\"headline\": \"tinygo\"", json, StringComparison.Ordinal);
        Assert.Contains("\"maxThroughput\"", json, StringComparison.Ordinal);
        Assert.Contains("\"skipped\"", json, StringComparison.Ordinal);
    }

    private static ScenarioMeasurement Measurement(string target, string scenario, double max, double p99AtThousand) =>
        new(
            target,
            scenario,
            Result(scenario, "closed 16", target, max, 5),
            Result(scenario, "open 1/s", target, max / 2, 2),
            Result(scenario, "open 1000/s", target, 1000, p99AtThousand));

    private static LoadResult Result(string scenario, string mode, string target, double throughput, double p99) =>
        new(scenario, mode, target, (long)throughput, (long)throughput, new Dictionary<string, long>(), 1, throughput, new LatencySummary(p99 / 2, p99, p99, p99, p99, p99 / 2));
}
