namespace Kubewarden.Wasm.Binary;

/// <summary>
/// The value types whose bits can be read back from a running instance and written into a snapshot.
/// </summary>
public enum WasmSnapshotValueType
{
    /// <summary>32-bit integer.</summary>
    I32,

    /// <summary>64-bit integer.</summary>
    I64,

    /// <summary>32-bit IEEE float.</summary>
    F32,

    /// <summary>64-bit IEEE float.</summary>
    F64,

    /// <summary>128-bit vector.</summary>
    V128,
}
