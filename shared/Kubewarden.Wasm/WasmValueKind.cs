namespace Kubewarden.Wasm;

/// <summary>Value types that cross the host boundary.</summary>
public enum WasmValueKind
{
    /// <summary>32-bit integer.</summary>
    I32,

    /// <summary>64-bit integer.</summary>
    I64,

    /// <summary>32-bit float.</summary>
    F32,

    /// <summary>64-bit float.</summary>
    F64,

    /// <summary>128-bit vector.</summary>
    V128,

    /// <summary>Any reference type.</summary>
    Reference,
}
