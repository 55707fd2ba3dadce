namespace Kubewarden.Wasm.Binary;

/// <summary>
/// One section of a WebAssembly module.
/// </summary>
/// <param name="Id">The section id (0 for custom sections).</param>
/// <param name="CustomName">The name of a custom section; <see langword="null"/> for other sections.</param>
/// <param name="Offset">The byte offset of the section payload in the module (for custom sections, of the bytes after the name).</param>
/// <param name="Length">The payload length in bytes (for custom sections, excluding the name).</param>
public readonly record struct WasmSection(byte Id, string? CustomName, int Offset, int Length);
