using Kubewarden.Evaluation;

namespace Kubewarden.LoadTests.Bench;

/// <summary>What a bench measured, and the verdict every evaluation gave (the last one's, they are the same request).</summary>
internal sealed record BenchResult(LatencyDistribution Latency, ExecutionMode Mode, bool Allowed, string? Message, EvaluationFailure Failure);
