using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>
/// A <see cref="Linker"/> holding the host functions, defined once per module. Host functions find their per-instance
/// state through the store data, so one linker serves every instance.
/// </summary>
internal sealed class WasmtimeLinkedModule : IWasmLinkedModule
{
    private readonly WasmtimeEngine _engine;
    private readonly WasmtimeModule _module;
    private readonly Linker _linker;

    public WasmtimeLinkedModule(WasmtimeEngine engine, WasmtimeModule module, IReadOnlyList<WasmHostFunction> hostFunctions)
    {
        _engine = engine;
        _module = module;
        _linker = new Linker(engine.Native);
        foreach (var function in WasmHostLinking.Resolve(module.ImportSignatures, hostFunctions))
        {
            WasmValueKind[] results = function.Result is { } result ? [result] : [];
            _linker.DefineFunction(
                function.Module, function.Name, WasmtimeHostCallback.Create(function),
                function.Parameters.Select(WasmtimeValues.ToNative).ToArray(), results.Select(WasmtimeValues.ToNative).ToArray());
        }
    }

    public IWasmModule Module => _module;

    public WasmInstantiation Instantiate(object? hostState, WasmInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new Store(_engine.Native);
        var instance = new WasmtimeInstance(store, _module.Signatures, hostState);
        store.SetData(instance);
        if (options.MaxMemoryBytes is { } cap)
        {
            store.SetLimits(memorySize: cap);
        }

        instance.SetDeadline(options.Timeout);
        try
        {
            instance.Attach(_linker.Instantiate(store, _module.Native));
            return new WasmInstantiation(instance, null);
        }
        catch (WasmtimeException e)
        {
            store.Dispose();
            return new WasmInstantiation(null, WasmtimeTraps.From(e));
        }
    }

    public void Dispose() => _linker.Dispose();
}
