namespace Kubewarden.Wasm;

/// <summary>Kinds of imports and exports.</summary>
public enum WasmExternKind
{
    /// <summary>A function.</summary>
    Function,

    /// <summary>A linear memory.</summary>
    Memory,

    /// <summary>A global.</summary>
    Global,

    /// <summary>A table.</summary>
    Table,

    /// <summary>Anything else (tags, ...).</summary>
    Other,
}
