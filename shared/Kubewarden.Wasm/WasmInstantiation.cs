namespace Kubewarden.Wasm;

/// <summary>The outcome of an instantiation: an instance, or the trap that stopped the start function.</summary>
public readonly record struct WasmInstantiation(IWasmInstance? Instance, WasmTrap? Trap)
{
    /// <summary>True when an instance was created.</summary>
    public bool Succeeded => Instance is not null;
}
