using System.Collections.Concurrent;
using System.Collections.Frozen;
using Kubewarden.Wasm.Binary;

namespace Kubewarden.Wasm.V8;

/// <summary>A validated module: its bytes (compiled lazily in each isolate that instantiates it) and its signatures.</summary>
internal sealed class V8Module : IWasmModule
{
    private readonly V8Engine _engine;
    private readonly byte[] _bytes;
    private readonly ConcurrentDictionary<long, byte[]> _capped = new();

    public V8Module(V8Engine engine, ReadOnlySpan<byte> bytes, string digest, WasmModuleSignature signature)
    {
        _engine = engine;
        (_bytes, HasStartFunction) = WasmStartFunction.Detach(bytes);
        Digest = digest;
        ImportSignatures = signature.Imports;
        Imports = signature.Imports.Select(i => new WasmImport(i.Module, i.Name, i.Kind)).ToArray();
        Exports = signature.Exports.Select(e => new WasmExport(e.Name, e.Kind)).ToArray();
        ExportSignatures = signature.Exports.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public string Digest { get; }

    public IReadOnlyList<WasmImport> Imports { get; }

    public IReadOnlyList<WasmExport> Exports { get; }

    public IReadOnlyList<WasmImportSignature> ImportSignatures { get; }

    public FrozenDictionary<string, WasmExportSignature> ExportSignatures { get; }

    public V8Engine Engine => _engine;

    /// <summary>Whether the module had a start function, now exported as <see cref="WasmStartFunction.ExportName"/>.</summary>
    public bool HasStartFunction { get; }

    /// <summary>The bytes to compile for a memory cap (<c>-1</c>: none): the cap is written into the module.</summary>
    public byte[] BytesFor(long capPages) =>
        capPages < 0 ? _bytes : _capped.GetOrAdd(capPages, pages => WasmMemoryLimit.Apply(_bytes, pages));

    public IWasmLinkedModule Link(IReadOnlyList<WasmHostFunction> hostFunctions) =>
        new V8LinkedModule(this, WasmHostLinking.Resolve(ImportSignatures, hostFunctions));

    public void Dispose() => _engine.Forget(Digest);
}
