using Kubewarden.Wasm;

namespace Kubewarden.Evaluation;

/// <summary>
/// The text a trap becomes in a verdict. It depends only on the trap kind, never on the engine, so both engines give
/// identical answers; the engine's own detail (with its backtrace) goes to the log.
/// </summary>
public static class GuestTrapText
{
    /// <summary>The fixed text of an interrupted guest (waPC, OPA).</summary>
    public const string Interrupted = "guest code interrupted, execution deadline exceeded";

    /// <summary>Describes <paramref name="trap"/>.</summary>
    public static string For(WasmTrap trap)
    {
        ArgumentNullException.ThrowIfNull(trap);
        return trap.Kind switch
        {
            WasmTrapKind.Unreachable => "wasm trap: wasm `unreachable` instruction executed",
            WasmTrapKind.OutOfBounds => "wasm trap: out of bounds memory access",
            WasmTrapKind.StackOverflow => "wasm trap: call stack exhausted",
            WasmTrapKind.DivideByZero => "wasm trap: integer divide by zero",
            WasmTrapKind.IndirectCall => "wasm trap: indirect call to a null or mismatched function",
            WasmTrapKind.Interrupted => Interrupted,
            WasmTrapKind.Exit => $"guest exited with status {trap.ExitCode}",
            WasmTrapKind.Host => trap.HostException?.Message ?? trap.Detail,
            _ => "wasm trap: the guest trapped",
        };
    }
}
