namespace Kubewarden.Wasm;

/// <summary>Engine-neutral reasons for a guest to stop.</summary>
public enum WasmTrapKind
{
    /// <summary>An <c>unreachable</c> instruction.</summary>
    Unreachable,

    /// <summary>A linear-memory access out of bounds.</summary>
    OutOfBounds,

    /// <summary>The call stack was exhausted.</summary>
    StackOverflow,

    /// <summary>Integer division by zero.</summary>
    DivideByZero,

    /// <summary>Integer overflow (signed division of the minimum value by −1).</summary>
    IntegerOverflow,

    /// <summary>A float converted to an integer it does not fit (or NaN).</summary>
    InvalidConversionToInteger,

    /// <summary>A table access out of bounds.</summary>
    TableOutOfBounds,

    /// <summary>An indirect call to an uninitialised (null) table entry.</summary>
    IndirectCallToNull,

    /// <summary>An indirect call whose signature does not match the callee's.</summary>
    IndirectCallSignatureMismatch,

    /// <summary>The deadline passed.</summary>
    Interrupted,

    /// <summary>The guest called WASI <c>proc_exit</c>; see <see cref="WasmTrap.ExitCode"/>.</summary>
    Exit,

    /// <summary>A host function failed (see <see cref="WasmTrap.HostException"/>).</summary>
    Host,

    /// <summary>Any other trap.</summary>
    Other,
}
