namespace Kubewarden.Evaluation.Wasi;

/// <summary>The outcome of one run of a WASI command module.</summary>
/// <param name="Succeeded">It returned normally or exited with code 0.</param>
/// <param name="TimedOut">It ran past its deadline.</param>
/// <param name="Stdout">Everything it wrote to stdout.</param>
/// <param name="Stderr">Everything it wrote to stderr.</param>
/// <param name="Failure">What stopped it when it failed (exit code, trap), for logs.</param>
public sealed record WasiRunResult(bool Succeeded, bool TimedOut, ReadOnlyMemory<byte> Stdout, string Stderr, string? Failure);
