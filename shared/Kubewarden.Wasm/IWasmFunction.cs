namespace Kubewarden.Wasm;

/// <summary>An exported function of one instance.</summary>
public interface IWasmFunction
{
    /// <summary>Parameter types.</summary>
    IReadOnlyList<WasmValueKind> Parameters { get; }

    /// <summary>Result types.</summary>
    IReadOnlyList<WasmValueKind> Results { get; }

    /// <summary>
    /// Calls the function with integer arguments (i32 values are passed in the low 32 bits). Traps, interruptions and
    /// host-function failures are returned in the result, never thrown.
    /// </summary>
    WasmCallResult Call(ReadOnlySpan<long> arguments);
}
