using System.CommandLine;
using Kubewarden.LoadTests.Load;
using Kubewarden.LoadTests.Reports;
using Kubewarden.LoadTests.Targets;

namespace Kubewarden.LoadTests.Suite;

/// <summary><c>kw-load suite</c>: the standard suite against a policy-server it starts; writes loadtests/results/&lt;date&gt;.md and .json.</summary>
internal static class SuiteCommand
{
    private static readonly Option<int> s_connections = new("--connections")
    {
        Description = "Closed-loop connections for the maximum throughput",
        DefaultValueFactory = _ => 16,
    };

    private static readonly Option<TimeSpan> s_duration = RunCommand.DurationOption("--duration", "Measured duration of each run", "5s");
    private static readonly Option<TimeSpan> s_warmup = RunCommand.DurationOption("--warmup", "Warm-up of each run", "2s");
    private static readonly Option<string?> s_soak = new("--soak") { Description = "Also soak the headline policy this long at 80 % of its maximum (e.g. 10m)" };
    private static readonly Option<DirectoryInfo?> s_output = new("--output") { Description = "Report folder (default: loadtests/results)" };

    public static Command Create()
    {
        var command = new Command("suite", "Run the standard scenarios against the baseline and our policy-server on each engine; write the report")
        {
            s_connections, s_duration, s_warmup, s_soak, s_output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(s_soak) is { } soak && !(DurationParser.TryParse(soak, out var duration) && duration > TimeSpan.Zero))
            {
                result.AddError($"--soak: '{soak}' is not a duration (e.g. 30s, 10m).");
            }
        });
        s_connections.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--connections must be positive.");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken stop)
    {
        TimeSpan? soak = DurationParser.TryParse(parse.GetValue(s_soak) ?? "", out var duration) ? duration : null;
        var settings = new SuiteSettings(parse.GetValue(s_connections), parse.GetValue(s_warmup), parse.GetValue(s_duration), soak);
        var result = await new SuiteRunner(settings, Console.Error).RunAsync(stop).ConfigureAwait(false);
        var folder = parse.GetValue(s_output)?.FullName ?? Path.Combine(PolicyServerLocator.RepositoryRoot(), "loadtests", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{result.Started:yyyy-MM-dd}");
        var markdown = SuiteReport.ToMarkdown(result);
        await File.WriteAllTextAsync(file + ".md", markdown, stop).ConfigureAwait(false);
        await File.WriteAllTextAsync(file + ".json", JsonReport.Serialize(result), stop).ConfigureAwait(false);
        await Console.Out.WriteAsync(markdown).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"wrote {file}.md and {file}.json").ConfigureAwait(false);
        return 0;
    }
}
