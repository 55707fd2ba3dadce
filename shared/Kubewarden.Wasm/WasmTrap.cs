namespace Kubewarden.Wasm;

/// <summary>Why a guest stopped: an engine-neutral kind, so that every engine gives the same verdict.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Engine text with the backtrace, for logs only (differs between engines).</param>
/// <param name="ExitCode">For <see cref="WasmTrapKind.Exit"/>: the code given to <c>proc_exit</c>.</param>
/// <param name="HostException">For <see cref="WasmTrapKind.Host"/>: what the host function threw.</param>
public sealed record WasmTrap(WasmTrapKind Kind, string Detail, int? ExitCode = null, Exception? HostException = null);
