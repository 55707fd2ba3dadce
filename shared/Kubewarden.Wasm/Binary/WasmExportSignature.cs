namespace Kubewarden.Wasm.Binary;

/// <summary>
/// One export of a WebAssembly module with its resolved type.
/// </summary>
/// <param name="Name">The export name.</param>
/// <param name="Kind">What is exported (tags are <see cref="WasmExternKind.Other"/>).</param>
/// <param name="Parameters">The parameter types of an exported function; empty for every other kind.</param>
/// <param name="Results">
/// The result types of an exported function; the value type of an exported global as its single entry; empty for every other kind.
/// </param>
public sealed record WasmExportSignature(
    string Name,
    WasmExternKind Kind,
    IReadOnlyList<WasmValueKind> Parameters,
    IReadOnlyList<WasmValueKind> Results);
