namespace Kubewarden.Wasm.Binary;

/// <summary>
/// The imports and exports of a WebAssembly module, with function and global types resolved.
/// </summary>
/// <param name="Imports">The imports, in the order of the import section.</param>
/// <param name="Exports">The exports, in the order of the export section.</param>
public sealed record WasmModuleSignature(
    IReadOnlyList<WasmImportSignature> Imports,
    IReadOnlyList<WasmExportSignature> Exports);
