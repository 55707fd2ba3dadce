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
        var byName = new Dictionary<(string, string), WasmHostFunction>();
        foreach (var function in hostFunctions)
        {
            byName[(function.Module, function.Name)] = function;
        }

        _linker = new Linker(engine.Native);
        foreach (var import in module.Native.Imports)
        {
            DefineImport(import, byName);
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

    private void DefineImport(Import import, Dictionary<(string, string), WasmHostFunction> hostFunctions)
    {
        if (import is not FunctionImport functionImport)
        {
            throw new WasmLinkException(
                $"the module imports the {import.GetType().Name.Replace("Import", string.Empty, StringComparison.Ordinal).ToLowerInvariant()} " +
                $"`{import.ModuleName}`.`{import.Name}`, which the host does not provide");
        }

        if (!hostFunctions.TryGetValue((import.ModuleName, import.Name), out var function))
        {
            throw new WasmLinkException(
                $"the module imports the function `{import.ModuleName}`.`{import.Name}`, which the host does not provide");
        }

        var parameters = function.Parameters.Select(WasmtimeValues.ToNative).ToArray();
        var results = function.Result is { } result ? new[] { WasmtimeValues.ToNative(result) } : [];
        if (!parameters.SequenceEqual(functionImport.Parameters) || !results.SequenceEqual(functionImport.Results))
        {
            throw new WasmLinkException(
                $"the module imports the function `{import.ModuleName}`.`{import.Name}` as " +
                $"({string.Join(", ", functionImport.Parameters)}) -> ({string.Join(", ", functionImport.Results)}), " +
                $"but the host defines it as ({string.Join(", ", parameters)}) -> ({string.Join(", ", results)})");
        }

        _linker.DefineFunction(import.ModuleName, import.Name, WasmtimeHostCallback.Create(function), parameters, results);
    }
}
