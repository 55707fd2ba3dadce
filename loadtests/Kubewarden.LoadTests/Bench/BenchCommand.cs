using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.LoadTests.Bench;

/// <summary><c>kw-load bench</c>: one policy, one request, in-process (like <c>kwctl bench</c>).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var policy = new Option<FileInfo>("--policy") { Description = "The policy module (.wasm, or .wat text)", Required = true };
        var request = new Option<FileInfo>("--request") { Description = "An AdmissionReview or AdmissionRequest JSON file", Required = true };
        var settings = new Option<string?>("--settings") { Description = "The policy settings as JSON" };
        var engine = new Option<string>("--engine") { Description = "wasmtime or v8", DefaultValueFactory = _ => "wasmtime" };
        engine.AcceptOnlyFromAmong("wasmtime", "v8");
        var iterations = new Option<int?>("--iterations") { Description = "Measured evaluations (instead of --duration)" };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long to measure, e.g. 10s, 500ms, 2m",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
            CustomParser = ParseDuration,
        };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured evaluations first", DefaultValueFactory = _ => 100 };
        var mode = new Option<string?>("--execution-mode") { Description = "Override the module metadata: kubewarden-wapc, wasi, opa or gatekeeper" };
        mode.AcceptOnlyFromAmong("kubewarden-wapc", "wasi", "opa", "gatekeeper");
        var command = new Command("bench", "Evaluate one policy in-process (no HTTP) and print its latency distribution")
        {
            policy, request, settings, engine, iterations, duration, warmup, mode,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var options = new BenchOptions(parsed.GetValue(policy)!.FullName, parsed.GetValue(request)!.FullName)
            {
                Settings = parsed.GetValue(settings),
                Engine = parsed.GetValue(engine)!,
                ExecutionMode = ExecutionModes.TryParse(parsed.GetValue(mode), out var parsedMode) ? parsedMode : null,
                Iterations = parsed.GetValue(iterations),
                Duration = parsed.GetValue(duration),
                Warmup = parsed.GetValue(warmup),
            };
            try
            {
                var result = new PolicyBench(NullLoggerFactory.Instance).Run(options, cancellationToken);
                Console.Out.Write(BenchReport.Format(options, result));
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is PolicyLoadException or AdmissionRequestFormatException or JsonException or IOException or Wasmtime.WasmtimeException)
            {
                Console.Error.WriteLine($"kw-load bench: {e.Message}");
                if (e.Message.Contains("protocol version", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("(a module without Kubewarden metadata needs --execution-mode)");
                }

                return Task.FromResult(1);
            }
        });
        return command;
    }

    /// <summary>A number with a unit (ms, s, m, h), or a <see cref="TimeSpan"/> (<c>00:00:10</c>).</summary>
    internal static TimeSpan ParseDuration(ArgumentResult argument)
    {
        var text = argument.Tokens.Count == 1 ? argument.Tokens[0].Value : "";
        (string Suffix, double Milliseconds)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, milliseconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                return TimeSpan.FromMilliseconds(count * milliseconds);
            }
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        argument.AddError($"`{text}` is not a duration (e.g. 10s, 500ms, 2m)");
        return default;
    }
}
