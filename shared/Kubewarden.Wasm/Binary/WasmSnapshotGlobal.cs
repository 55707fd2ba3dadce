namespace Kubewarden.Wasm.Binary;

/// <summary>
/// A global defined by a module that the instrumenter exported so that its value can be read after initialisation.
/// </summary>
/// <param name="DefinedIndex">The index among the globals the module defines (imported globals not counted).</param>
/// <param name="ExportName">The name of the export added for the global.</param>
/// <param name="Type">The value type of the global.</param>
/// <param name="Mutable">Whether the global is mutable.</param>
public readonly record struct WasmSnapshotGlobal(int DefinedIndex, string ExportName, WasmSnapshotValueType Type, bool Mutable);
