namespace Kubewarden.Wasm;

/// <summary>An import of a module.</summary>
public sealed record WasmImport(string Module, string Name, WasmExternKind Kind);
