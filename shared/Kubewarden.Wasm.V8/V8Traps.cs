using Microsoft.ClearScript;

namespace Kubewarden.Wasm.V8;

/// <summary>Turns V8's errors into the engine-neutral <see cref="WasmTrap"/> kinds Wasmtime reports.</summary>
internal static class V8Traps
{
    private static readonly (string Text, WasmTrapKind Kind)[] Messages =
    [
        ("unreachable", WasmTrapKind.Unreachable),
        ("memory access out of bounds", WasmTrapKind.OutOfBounds),
        ("divide by zero", WasmTrapKind.DivideByZero),
        ("remainder by zero", WasmTrapKind.DivideByZero),
        ("divide result unrepresentable", WasmTrapKind.IntegerOverflow),
        ("float unrepresentable in integer range", WasmTrapKind.InvalidConversionToInteger),
        ("table index is out of bounds", WasmTrapKind.TableOutOfBounds),
        ("null function", WasmTrapKind.IndirectCallToNull),
        ("function signature mismatch", WasmTrapKind.IndirectCallSignatureMismatch),
        ("Maximum call stack size exceeded", WasmTrapKind.StackOverflow),
    ];

    public static WasmTrap From(Exception exception, Exception? hostException)
    {
        switch (hostException ?? exception.InnerException)
        {
            case WasmExitException exit:
                return new WasmTrap(WasmTrapKind.Exit, exit.Message, ExitCode: exit.ExitCode);
            case WasmHostTrapException hostTrap:
                return new WasmTrap(hostTrap.Kind, hostTrap.Message, HostException: hostTrap);
            case { } other when hostException is not null:
                return new WasmTrap(WasmTrapKind.Host, other.Message, HostException: other);
        }

        if (exception is ScriptInterruptedException)
        {
            return new WasmTrap(WasmTrapKind.Interrupted, exception.Message);
        }

        var detail = exception is ScriptEngineException script ? script.ErrorDetails ?? script.Message : exception.Message;
        foreach (var (text, kind) in Messages)
        {
            if (exception.Message.Contains(text, StringComparison.Ordinal))
            {
                return new WasmTrap(kind, detail);
            }
        }

        return new WasmTrap(WasmTrapKind.Other, detail);
    }
}
