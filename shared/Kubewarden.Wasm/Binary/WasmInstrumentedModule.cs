namespace Kubewarden.Wasm.Binary;

/// <summary>
/// A module whose internal state (defined globals, memory, tables) has been exported for snapshotting.
/// </summary>
/// <param name="Bytes">The instrumented module.</param>
/// <param name="Globals">The exported defined globals, in defined-index order.</param>
/// <param name="MemoryExport">The export name of memory 0, or <see langword="null"/> when the module defines no memory.</param>
/// <param name="TableExports">The export names of the defined tables, in defined-index order.</param>
public sealed record WasmInstrumentedModule(
    byte[] Bytes,
    IReadOnlyList<WasmSnapshotGlobal> Globals,
    string? MemoryExport,
    IReadOnlyList<string> TableExports);
