using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>Turns Wasmtime's exceptions into engine-neutral <see cref="WasmTrap"/>s.</summary>
internal static class WasmtimeTraps
{
    public static WasmTrap From(WasmtimeException exception)
    {
        switch (exception.InnerException)
        {
            case WasmExitException exit:
                return new WasmTrap(WasmTrapKind.Exit, exception.Message, ExitCode: exit.ExitCode);
            case WasmHostTrapException hostTrap:
                return new WasmTrap(hostTrap.Kind, hostTrap.Message, HostException: hostTrap);
            case { } other:
                return new WasmTrap(WasmTrapKind.Host, other.Message, HostException: other);
        }

        var kind = exception is TrapException trap ? KindOf(trap.Type) : WasmTrapKind.Other;
        return new WasmTrap(kind, exception.Message);
    }

    private static WasmTrapKind KindOf(TrapCode code) => code switch
    {
        TrapCode.Unreachable => WasmTrapKind.Unreachable,
        TrapCode.MemoryOutOfBounds or TrapCode.HeapMisaligned => WasmTrapKind.OutOfBounds,
        TrapCode.TableOutOfBounds => WasmTrapKind.TableOutOfBounds,
        TrapCode.StackOverflow => WasmTrapKind.StackOverflow,
        TrapCode.IntegerDivisionByZero => WasmTrapKind.DivideByZero,
        TrapCode.IntegerOverflow => WasmTrapKind.IntegerOverflow,
        TrapCode.BadConversionToInteger => WasmTrapKind.InvalidConversionToInteger,
        TrapCode.IndirectCallToNull => WasmTrapKind.IndirectCallToNull,
        TrapCode.BadSignature => WasmTrapKind.IndirectCallSignatureMismatch,
        TrapCode.Interrupt => WasmTrapKind.Interrupted,
        _ => WasmTrapKind.Other,
    };
}
