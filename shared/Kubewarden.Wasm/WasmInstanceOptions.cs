namespace Kubewarden.Wasm;

/// <summary>Per-instance limits.</summary>
/// <param name="MaxMemoryBytes">Cap on linear memory; past it <c>memory.grow</c> returns -1. Null = no cap.</param>
/// <param name="Timeout">Deadline armed for instantiation (start function). Null = no deadline.</param>
public sealed record WasmInstanceOptions(long? MaxMemoryBytes, TimeSpan? Timeout)
{
    /// <summary>No memory cap and no deadline.</summary>
    public static WasmInstanceOptions Unlimited { get; } = new(null, null);
}
