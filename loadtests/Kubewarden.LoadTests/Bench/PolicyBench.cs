using System.Diagnostics;
using System.Text.Json;
using HdrHistogram;
using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging;

namespace Kubewarden.LoadTests.Bench;

/// <summary>
/// Evaluates one policy in-process, as the policy-server loads and runs it (same loader, engine and host capabilities),
/// without HTTP, and records each evaluation's latency.
/// </summary>
internal sealed class PolicyBench(ILoggerFactory loggerFactory)
{
    private const string PolicyId = "bench";
    private static readonly long HighestTrackableNanoseconds = (long)TimeSpan.FromMinutes(1).TotalNanoseconds;

    public BenchResult Run(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var module = ReadModule(options.PolicyFile);
        var request = ValidationRequest.ForAdmission(AdmissionRequest.FromReviewOrRequest(File.ReadAllBytes(options.RequestFile)));
        using var engine = WasmEngines.Create(options.Engine, new WasmEngineOptions());
        var dispatcher = new HostCapabilityDispatcher([new TracingLogHandler(loggerFactory)], loggerFactory.CreateLogger<HostCapabilityDispatcher>());
        using var loader = new PolicyLoader(engine, dispatcher, new EvaluationOptions(), loggerFactory, TimeProvider.System);
        var evaluator = loader.Load(Definition(options), module);
        var settings = evaluator.ValidateSettings();
        if (!settings.Valid)
        {
            throw new PolicyLoadException($"the policy rejects its settings: {settings.Message}");
        }

        var verdict = evaluator.Validate(request);
        for (var i = 1; i < options.Warmup; i++)
        {
            evaluator.Validate(request);
        }

        var histogram = new LongHistogram(1, HighestTrackableNanoseconds, 3);
        var wall = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested && (options.Iterations is { } iterations ? histogram.TotalCount < iterations : wall.Elapsed < options.Duration))
        {
            var started = Stopwatch.GetTimestamp();
            verdict = evaluator.Validate(request);
            histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds));
        }

        return new BenchResult(LatencyDistribution.Of(histogram, wall.Elapsed), evaluator.Mode, verdict.Response.Allowed, verdict.Response.Status?.Message, verdict.Failure);
    }

    private static PolicyDefinition Definition(BenchOptions options)
    {
        using var settings = options.Settings is null ? null : JsonDocument.Parse(options.Settings);
        return new PolicyDefinition(PolicyId) { Settings = settings?.RootElement.Clone(), ExecutionMode = options.ExecutionMode };
    }

    private static byte[] ReadModule(string path) =>
        path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) ? Wasmtime.Module.ConvertText(File.ReadAllText(path)) : File.ReadAllBytes(path);
}
