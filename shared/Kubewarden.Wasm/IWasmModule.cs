namespace Kubewarden.Wasm;

/// <summary>A compiled module: immutable and shareable between threads.</summary>
public interface IWasmModule : IDisposable
{
    /// <summary>SHA-256 of the module bytes, lowercase hex.</summary>
    string Digest { get; }

    /// <summary>What the module imports.</summary>
    IReadOnlyList<WasmImport> Imports { get; }

    /// <summary>What the module exports.</summary>
    IReadOnlyList<WasmExport> Exports { get; }

    /// <summary>
    /// Links the module against host functions once; the result instantiates quickly and many times.
    /// </summary>
    /// <exception cref="WasmLinkException">An import is not provided, or is provided with another signature.</exception>
    IWasmLinkedModule Link(IReadOnlyList<WasmHostFunction> hostFunctions);
}
