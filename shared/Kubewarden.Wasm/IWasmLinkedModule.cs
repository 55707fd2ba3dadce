namespace Kubewarden.Wasm;

/// <summary>A module linked to its host functions, ready to instantiate; thread-safe.</summary>
public interface IWasmLinkedModule : IDisposable
{
    /// <summary>The module that was linked.</summary>
    IWasmModule Module { get; }

    /// <summary>
    /// Creates a fresh instance. A trap in the module's start function is returned as a failed result, not thrown.
    /// </summary>
    /// <param name="hostState">Per-instance state handed back to every host function call.</param>
    /// <param name="options">Limits and deadline of the instance.</param>
    WasmInstantiation Instantiate(object? hostState, WasmInstanceOptions options);
}
