using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using Kubewarden.LoadTests.Reports;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Load;

/// <summary><c>kw-load run</c>: load every (or one) scenario of a file and print the results.</summary>
internal static class RunCommand
{
    private static readonly Option<FileInfo> s_scenarios = new("--scenarios")
    {
        Description = "Scenario file (YAML or JSON)",
        Required = true,
    };

    private static readonly Option<string?> s_scenario = new("--scenario") { Description = "Run only this scenario" };

    private static readonly Option<int?> s_connections = new("--connections")
    {
        Description = "Closed loop: concurrent requests, each sent when the previous answer arrived",
    };

    private static readonly Option<double?> s_rate = new("--rate")
    {
        Description = "Open loop: constant arrival rate in requests per second, latency measured from the scheduled time",
    };

    private static readonly Option<TimeSpan> s_duration = DurationOption("--duration", "Measured duration", "30s");
    private static readonly Option<TimeSpan> s_warmup = DurationOption("--warmup", "Warm-up, left out of the results", "5s");
    private static readonly Option<TimeSpan> s_timeout = DurationOption("--timeout", "Per-request timeout", "5s");

    private static readonly Option<int> s_maxOutstanding = new("--max-outstanding")
    {
        Description = "Open loop: requests in flight at most; requests due beyond that count as 'overloaded'",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<bool> s_http2 = new("--http2") { Description = "Use HTTP/2 instead of HTTP/1.1" };
    private static readonly TrustOptions s_trust = new();
    private static readonly Option<string?> s_label = new("--label") { Description = "Target label in reports (default: the target URL)" };
    private static readonly Option<FileInfo?> s_json = new("--json") { Description = "Also write the results as JSON" };
    private static readonly Option<FileInfo?> s_markdown = new("--markdown") { Description = "Also write the report as markdown" };

    public static Command Create()
    {
        var command = new Command("run", "Send load to a policy-server and report throughput, latency percentiles and errors")
        {
            s_scenarios, s_scenario, s_connections, s_rate, s_duration, s_warmup, s_timeout, s_maxOutstanding,
            s_http2, s_label, s_json, s_markdown,
        };
        s_trust.AddTo(command);
        command.Validators.Add(Validate);
        s_maxOutstanding.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-outstanding must be positive.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static void Validate(CommandResult result)
    {
        var connections = result.GetValue(s_connections);
        var rate = result.GetValue(s_rate);
        if ((connections is null) == (rate is null))
        {
            result.AddError("Give exactly one of --connections (closed loop) or --rate (open loop).");
        }

        if (connections is < 1 || rate is <= 0)
        {
            result.AddError("--connections and --rate must be positive.");
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken stop)
    {
        try
        {
            var scenarios = Select(ScenarioLoader.Load(parse.GetRequiredValue(s_scenarios).FullName), parse.GetValue(s_scenario));
            var settings = new LoadSettings(
                parse.GetValue(s_duration),
                parse.GetValue(s_warmup),
                parse.GetValue(s_timeout),
                parse.GetValue(s_http2),
                s_trust.CaFile(parse),
                s_trust.Insecure(parse));
            var connections = parse.GetValue(s_connections);
            var maxOutstanding = parse.GetValue(s_maxOutstanding);
            using var client = LoadHttpClient.Create(settings, connections ?? maxOutstanding);
            var runner = new LoadRunner(client, settings, Console.Error);

            var results = new List<LoadResult>();
            foreach (var scenario in scenarios)
            {
                ILoadModel model = connections is { } n ? new ClosedLoop(n) : new OpenLoop(parse.GetValue(s_rate)!.Value, maxOutstanding);
                await Console.Error.WriteLineAsync(
                    $"{scenario.Name}: {model.Description} to {scenario.Endpoint}, {Seconds(settings.Warmup)} warm-up, {Seconds(settings.Duration)} measured").ConfigureAwait(false);
                var label = parse.GetValue(s_label) ?? scenario.Target.ToString();
                results.Add(await runner.RunAsync(scenario, model, label, stop).ConfigureAwait(false));
            }

            await WriteOutputsAsync(parse, settings, results).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is ScenarioFileException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static IReadOnlyList<Scenario> Select(IReadOnlyList<Scenario> scenarios, string? name)
    {
        if (name is null)
        {
            return scenarios;
        }

        return scenarios.Where(s => s.Name == name).ToList() is { Count: > 0 } selected
            ? selected
            : throw new ScenarioFileException(
                $"No scenario named '{name}'; the file has: {string.Join(", ", scenarios.Select(s => s.Name))}.");
    }

    private static async Task WriteOutputsAsync(ParseResult parse, LoadSettings settings, List<LoadResult> results)
    {
        var protocol = settings.Http2 ? "HTTP/2" : "HTTP/1.1";
        var report = new ReportWriter("kw-load run")
            .AddResults("Results", results)
            .AddSection(
                "Settings",
                $"{protocol}, {Seconds(settings.Warmup)} warm-up excluded, {Seconds(settings.Duration)} measured, {Seconds(settings.Timeout)} timeout. " +
                "req/s counts successful answers; latency percentiles cover successful answers only.")
            .ToString();
        await Console.Out.WriteAsync(report).ConfigureAwait(false);
        if (parse.GetValue(s_markdown) is { } markdown)
        {
            await File.WriteAllTextAsync(markdown.FullName, report).ConfigureAwait(false);
        }

        if (parse.GetValue(s_json) is { } json)
        {
            await File.WriteAllTextAsync(json.FullName, JsonReport.Serialize(results)).ConfigureAwait(false);
        }
    }

    internal static Option<TimeSpan> DurationOption(string name, string description, string defaultText) =>
        new(name)
        {
            Description = $"{description} (e.g. 500ms, 30s, 2m)",
            DefaultValueFactory = _ => Parse(defaultText),
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DurationParser.TryParse(text, out var duration))
                {
                    return duration;
                }

                result.AddError($"{name}: '{text}' is not a duration (e.g. 500ms, 30s, 2m).");
                return default;
            },
        };

    internal static string Seconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");

    private static TimeSpan Parse(string text) =>
        DurationParser.TryParse(text, out var duration) ? duration : throw new FormatException(text);
}
