namespace Kubewarden.Wasm;

/// <summary>Engine-neutral reasons for a guest to stop.</summary>
public enum WasmTrapKind
{
    /// <summary>An <c>unreachable</c> instruction.</summary>
    Unreachable,

    /// <summary>A memory or table access out of bounds.</summary>
    OutOfBounds,

    /// <summary>The call stack was exhausted.</summary>
    StackOverflow,

    /// <summary>Integer division by zero or overflow.</summary>
    DivideByZero,

    /// <summary>An indirect call to a null entry or with the wrong signature.</summary>
    IndirectCall,

    /// <summary>The deadline passed.</summary>
    Interrupted,

    /// <summary>The guest called WASI <c>proc_exit</c>; see <see cref="WasmTrap.ExitCode"/>.</summary>
    Exit,

    /// <summary>A host function failed (see <see cref="WasmTrap.HostException"/>).</summary>
    Host,

    /// <summary>Any other trap.</summary>
    Other,
}
