namespace Kubewarden.Wasm.Binary;

/// <summary>
/// A global defined in the global section.
/// </summary>
/// <param name="Type">The snapshot value type, or <see langword="null"/> for a reference type.</param>
/// <param name="TypeName">The value type as written in the text format.</param>
/// <param name="Mutable">Whether the global is mutable.</param>
/// <param name="Start">The offset of the entry (its value type).</param>
/// <param name="InitStart">The offset of the initialiser expression.</param>
/// <param name="End">The offset just past the entry.</param>
internal readonly record struct WasmGlobalEntry(WasmSnapshotValueType? Type, string TypeName, bool Mutable, int Start, int InitStart, int End);
