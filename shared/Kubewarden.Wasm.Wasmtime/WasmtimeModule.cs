using System.Collections.Frozen;
using Kubewarden.Wasm.Binary;
using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

internal sealed class WasmtimeModule : IWasmModule
{
    private readonly WasmtimeEngine _engine;

    public WasmtimeModule(WasmtimeEngine engine, Module module, string digest)
    {
        _engine = engine;
        Native = module;
        Digest = digest;
        Imports = module.Imports.Select(i => new WasmImport(i.ModuleName, i.Name, KindOf(i))).ToArray();
        ImportSignatures = module.Imports.Select(i => i is FunctionImport f
            ? new WasmImportSignature(i.ModuleName, i.Name, WasmExternKind.Function, f.Parameters.Select(WasmtimeValues.FromNative).ToArray(), f.Results.Select(WasmtimeValues.FromNative).ToArray())
            : new WasmImportSignature(i.ModuleName, i.Name, KindOf(i), [], [])).ToArray();
        Exports = module.Exports.Select(e => new WasmExport(e.Name, KindOf(e))).ToArray();
        Signatures = module.Exports.OfType<FunctionExport>().ToFrozenDictionary(e => e.Name, e => new WasmtimeSignature(e), StringComparer.Ordinal);
    }

    public string Digest { get; }

    public IReadOnlyList<WasmImport> Imports { get; }

    public IReadOnlyList<WasmExport> Exports { get; }

    internal Module Native { get; }

    internal IReadOnlyList<WasmImportSignature> ImportSignatures { get; }

    internal FrozenDictionary<string, WasmtimeSignature> Signatures { get; }

    public IWasmLinkedModule Link(IReadOnlyList<WasmHostFunction> hostFunctions) =>
        new WasmtimeLinkedModule(_engine, this, hostFunctions);

    public void Dispose() => Native.Dispose();

    private static WasmExternKind KindOf(Import import) => import switch
    {
        FunctionImport => WasmExternKind.Function,
        MemoryImport => WasmExternKind.Memory,
        GlobalImport => WasmExternKind.Global,
        TableImport => WasmExternKind.Table,
        _ => WasmExternKind.Other,
    };

    private static WasmExternKind KindOf(Export export) => export switch
    {
        FunctionExport => WasmExternKind.Function,
        MemoryExport => WasmExternKind.Memory,
        GlobalExport => WasmExternKind.Global,
        TableExport => WasmExternKind.Table,
        _ => WasmExternKind.Other,
    };
}
