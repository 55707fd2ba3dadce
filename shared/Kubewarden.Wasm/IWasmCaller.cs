namespace Kubewarden.Wasm;

/// <summary>What a host function sees of the instance that called it.</summary>
public interface IWasmCaller
{
    /// <summary>The state given to <see cref="IWasmLinkedModule.Instantiate"/>.</summary>
    object? HostState { get; }

    /// <summary>Current size in bytes of the instance's memory (its <c>memory</c> export), 0 when it has none.</summary>
    long MemorySize { get; }

    /// <summary>
    /// A view of <paramref name="length"/> bytes of linear memory at <paramref name="address"/>. The view is invalid after
    /// the memory grows or the guest runs again: use it and drop it.
    /// </summary>
    /// <exception cref="WasmHostTrapException">The range is outside memory (the guest traps, as with an out-of-bounds access).</exception>
    Span<byte> GetMemory(uint address, uint length);
}
