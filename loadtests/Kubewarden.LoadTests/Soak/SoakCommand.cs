using System.CommandLine;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Reports;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Soak;

/// <summary><c>kw-load soak</c>: one scenario at a fixed rate against a running target, sampling its memory.</summary>
internal static class SoakCommand
{
    private const int Connections = 16;

    private static readonly Option<Uri> s_target = new("--target") { Description = "The target's base URL (replaces the scenario's)", Required = true };
    private static readonly Option<FileInfo> s_scenarios = new("--scenarios") { Description = "Scenario file (YAML or JSON)", Required = true };
    private static readonly Option<string?> s_scenario = new("--scenario") { Description = "The scenario to send (default: the file's first)" };
    private static readonly Option<double> s_rate = new("--rate") { Description = "Requests per second (open loop)", Required = true };
    private static readonly Option<TimeSpan> s_duration = RunCommand.DurationOption("--duration", "Measured duration", "10m");
    private static readonly Option<TimeSpan> s_warmup = RunCommand.DurationOption("--warmup", "Warm-up, left out of the latencies", "5s");
    private static readonly Option<TimeSpan> s_interval = RunCommand.DurationOption("--interval", "Memory sampling interval", "5s");
    private static readonly Option<int?> s_pid = new("--pid") { Description = "The target's local process id, for /proc/<pid>/status" };
    private static readonly Option<Uri?> s_metrics = new("--metrics") { Description = "The target's Prometheus /metrics URL" };
    private static readonly TrustOptions s_trust = new();
    private static readonly Option<FileInfo?> s_markdown = new("--markdown") { Description = "Also write the report as markdown" };

    public static Command Create()
    {
        var command = new Command("soak", "Hold a fixed open-loop rate against a target and report its RSS and GC over time, and the errors")
        {
            s_target, s_scenarios, s_scenario, s_rate, s_duration, s_warmup, s_interval, s_pid, s_metrics, s_markdown,
        };
        s_trust.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(s_rate) <= 0)
            {
                result.AddError("--rate must be positive.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken stop)
    {
        try
        {
            var scenarios = ScenarioLoader.Load(parse.GetRequiredValue(s_scenarios).FullName);
            var name = parse.GetValue(s_scenario);
            var scenario = (name is null ? scenarios[0] : scenarios.FirstOrDefault(s => s.Name == name))
                ?? throw new ScenarioFileException($"No scenario named '{name}'.");
            var target = parse.GetRequiredValue(s_target);
            var settings = new LoadSettings(
                parse.GetValue(s_duration), parse.GetValue(s_warmup), TimeSpan.FromSeconds(5), Http2: false,
                s_trust.CaFile(parse), s_trust.Insecure(parse));
            var rate = parse.GetValue(s_rate);
            using var client = LoadHttpClient.Create(settings, Connections);
            using var metricsClient = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var memory = CombinedMemorySource.ForTarget(metricsClient, parse.GetValue(s_metrics), parse.GetValue(s_pid));
            var soak = await new SoakRun(client, settings, Console.Error)
                .RunAsync(scenario with { Target = target }, rate, target.ToString(), memory, parse.GetValue(s_interval), stop)
                .ConfigureAwait(false);
            var report = new ReportWriter("kw-load soak").AddSection($"Soak: {scenario.Name}", SoakReport.Format(soak)).ToString();
            await Console.Out.WriteAsync(report).ConfigureAwait(false);
            if (parse.GetValue(s_markdown) is { } markdown)
            {
                await File.WriteAllTextAsync(markdown.FullName, report, stop).ConfigureAwait(false);
            }

            return soak.GoalMet ? 0 : 1;
        }
        catch (Exception e) when (e is ScenarioFileException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
