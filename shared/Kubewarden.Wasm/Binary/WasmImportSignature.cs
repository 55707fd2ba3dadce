namespace Kubewarden.Wasm.Binary;

/// <summary>
/// One import of a WebAssembly module with its resolved type.
/// </summary>
/// <param name="Module">The module name the import is taken from.</param>
/// <param name="Name">The name of the import within <paramref name="Module"/>.</param>
/// <param name="Kind">What is imported (tags are <see cref="WasmExternKind.Other"/>).</param>
/// <param name="Parameters">The parameter types of an imported function; empty for every other kind.</param>
/// <param name="Results">
/// The result types of an imported function; the value type of an imported global as its single entry; empty for every other kind.
/// </param>
public sealed record WasmImportSignature(
    string Module,
    string Name,
    WasmExternKind Kind,
    IReadOnlyList<WasmValueKind> Parameters,
    IReadOnlyList<WasmValueKind> Results);
