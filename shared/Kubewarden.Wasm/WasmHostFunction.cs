namespace Kubewarden.Wasm;

/// <summary>
/// A host function offered to guests. Arguments arrive as integers (i32 in the low 32 bits); the return value is used
/// when <see cref="WasmHostFunction.Result"/> is set. Throw <see cref="WasmHostTrapException"/> to trap the guest,
/// <see cref="WasmExitException"/> to end it with an exit code.
/// </summary>
public delegate long WasmHostCallback(IWasmCaller caller, ReadOnlySpan<long> arguments);

/// <summary>A named host function with its signature.</summary>
public sealed record WasmHostFunction(
    string Module,
    string Name,
    IReadOnlyList<WasmValueKind> Parameters,
    WasmValueKind? Result,
    WasmHostCallback Callback);
