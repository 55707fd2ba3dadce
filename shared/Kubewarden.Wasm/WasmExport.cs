namespace Kubewarden.Wasm;

/// <summary>An export of a module.</summary>
public sealed record WasmExport(string Name, WasmExternKind Kind);
