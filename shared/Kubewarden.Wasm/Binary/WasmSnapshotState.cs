namespace Kubewarden.Wasm.Binary;

/// <summary>
/// The state of an initialised instance that a snapshot bakes into a new module.
/// </summary>
/// <param name="Globals">Values of defined globals; globals not listed keep their original initialiser.</param>
/// <param name="Memory">The contents of memory 0 (at most <paramref name="MemoryPages"/> pages; missing bytes are zero).</param>
/// <param name="MemoryPages">The size of memory 0 in 64 KiB pages.</param>
public sealed record WasmSnapshotState(
    IReadOnlyList<WasmSnapshotGlobalValue> Globals,
    ReadOnlyMemory<byte> Memory,
    long MemoryPages);
