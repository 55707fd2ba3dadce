using Kubewarden.Wasm;

namespace Kubewarden.Evaluation;

/// <summary>
/// The text a trap becomes in a verdict: Wasmtime's wording (what Kubewarden answers), chosen by the trap kind alone so
/// that every engine gives identical answers; the engine's own detail (with its backtrace) goes to the log.
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
            WasmTrapKind.IntegerOverflow => "wasm trap: integer overflow",
            WasmTrapKind.InvalidConversionToInteger => "wasm trap: invalid conversion to integer",
            WasmTrapKind.TableOutOfBounds => "wasm trap: undefined element: out of bounds table access",
            WasmTrapKind.IndirectCallToNull => "wasm trap: uninitialized element",
            WasmTrapKind.IndirectCallSignatureMismatch => "wasm trap: indirect call type mismatch",
            WasmTrapKind.Interrupted => Interrupted,
            WasmTrapKind.Exit => $"guest exited with status {trap.ExitCode}",
            WasmTrapKind.Host => trap.HostException?.Message ?? trap.Detail,
            _ => "wasm trap: the guest trapped",
        };
    }
}
