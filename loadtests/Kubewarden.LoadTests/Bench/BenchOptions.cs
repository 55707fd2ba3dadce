using Kubewarden.Evaluation;

namespace Kubewarden.LoadTests.Bench;

/// <summary>What <c>kw-load bench</c> evaluates, and for how long.</summary>
/// <param name="PolicyFile">A <c>.wasm</c> module, or <c>.wat</c> text.</param>
/// <param name="RequestFile">An AdmissionReview, or a bare AdmissionRequest, as JSON.</param>
internal sealed record BenchOptions(string PolicyFile, string RequestFile)
{
    /// <summary>The policy settings as JSON; null: none (<c>{}</c>).</summary>
    public string? Settings { get; init; }

    public string Engine { get; init; } = "wasmtime";

    /// <summary>Overrides the module's metadata, e.g. for a module without a <c>protocolVersion</c>.</summary>
    public ExecutionMode? ExecutionMode { get; init; }

    /// <summary>Measured evaluations; when null, <see cref="Duration"/> bounds the run.</summary>
    public int? Iterations { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured evaluations first (compilation caches, instance pool, JIT).</summary>
    public int Warmup { get; init; } = 100;
}
