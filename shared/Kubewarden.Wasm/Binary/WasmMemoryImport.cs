namespace Kubewarden.Wasm.Binary;

/// <summary>An imported memory and where its import entry lies in the module.</summary>
/// <param name="Module">The module name it is imported from.</param>
/// <param name="Name">The import name.</param>
/// <param name="EntryStart">Offset of the import entry.</param>
/// <param name="EntryEnd">Offset just past the import entry.</param>
/// <param name="Limits">The limits the import declares.</param>
internal readonly record struct WasmMemoryImport(string Module, string Name, int EntryStart, int EntryEnd, WasmMemoryEntry Limits);
