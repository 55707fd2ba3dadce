namespace Kubewarden.Wasm;

/// <summary>The outcome of a call: the first result value (0 when the function returns nothing) or a trap.</summary>
public readonly record struct WasmCallResult(long Value, WasmTrap? Trap)
{
    /// <summary>True when the call returned normally.</summary>
    public bool Succeeded => Trap is null;

    /// <summary>A successful result.</summary>
    public static WasmCallResult Success(long value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static WasmCallResult Failure(WasmTrap trap) => new(0, trap);
}
