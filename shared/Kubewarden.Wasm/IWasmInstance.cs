namespace Kubewarden.Wasm;

/// <summary>
/// One live instance. Not thread-safe: one evaluation uses it, then disposes it.
/// </summary>
public interface IWasmInstance : IWasmCaller, IDisposable
{
    /// <summary>An exported function, or null when the module does not export one with that name.</summary>
    IWasmFunction? GetFunction(string name);

    /// <summary>Reads an exported global; false when there is no such export.</summary>
    bool TryReadGlobal(string name, out WasmValue value);

    /// <summary>Size in elements of an exported table, or null when there is no such export.</summary>
    ulong? GetTableSize(string name);

    /// <summary>
    /// Arms the deadline for the next calls: a call still running <paramref name="timeout"/> from now is interrupted
    /// and reported as <see cref="WasmTrapKind.Interrupted"/>. Null disarms it.
    /// </summary>
    void SetDeadline(TimeSpan? timeout);
}
