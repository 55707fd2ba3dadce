using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.ClearScript;
using Microsoft.ClearScript.V8.FastProxy;

namespace Kubewarden.Wasm.V8;

/// <summary>
/// A module with its host functions. In each isolate the import object is built once, from ClearScript fast host
/// functions (no per-call allocation for arguments); they reach the calling instance through the isolate.
/// </summary>
internal sealed class V8LinkedModule(V8Module module, IReadOnlyList<WasmHostFunction> imports) : IWasmLinkedModule
{
    private const int MaxStackArguments = 16;

    private readonly ConcurrentDictionary<V8Isolate, ScriptObject> _importObjects = new();

    public IWasmModule Module => module;

    public WasmInstantiation Instantiate(object? hostState, WasmInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isolate = module.Engine.NextIsolate();
        var capPages = options.MaxMemoryBytes is { } cap ? cap / 65536 : -1;
        var instance = new V8Instance(isolate, module, hostState);
        instance.SetDeadline(options.Timeout);
        return isolate.Run(
            instance,
            () =>
            {
                var exports = isolate.Instantiate(isolate.Module(module, capPages), _importObjects.GetOrAdd(isolate, BuildImports));
                instance.Attach(exports);
                if (module.HasStartFunction)
                {
                    isolate.Export(exports, Binary.WasmStartFunction.ExportName)!.Invoke(false);
                }

                return new WasmInstantiation(instance, null);
            },
            trap =>
            {
                instance.Dispose();
                return new WasmInstantiation(null, trap);
            });
    }

    public void Dispose()
    {
        foreach (var importObject in _importObjects.Values)
        {
            importObject.Dispose();
        }
    }

    private ScriptObject BuildImports(V8Isolate isolate)
    {
        var root = (ScriptObject)isolate.NewObject.Invoke(false);
        foreach (var group in imports.GroupBy(f => f.Module))
        {
            var namespaceObject = (ScriptObject)isolate.NewObject.Invoke(false);
            foreach (var function in group)
            {
                namespaceObject.SetProperty(function.Name, CreateFunction(isolate, function));
            }

            root.SetProperty(group.Key, namespaceObject);
        }

        return root;
    }

    private static V8FastHostFunction CreateFunction(V8Isolate isolate, WasmHostFunction function)
    {
        var kinds = function.Parameters.ToArray();
        var result = function.Result;
        var callback = function.Callback;
        return new V8FastHostFunction((bool asConstructor, in V8FastArgs args, in V8FastResult value) =>
        {
            var instance = isolate.Current ?? throw new InvalidOperationException("a host function ran outside of a call");
            Span<long> values = kinds.Length <= MaxStackArguments ? stackalloc long[kinds.Length] : new long[kinds.Length];
            for (var i = 0; i < kinds.Length; i++)
            {
                values[i] = kinds[i] switch
                {
                    WasmValueKind.I32 => args.GetInt32(i, "argument"),
                    WasmValueKind.I64 => (long)args.GetBigInteger(i, "argument"),
                    WasmValueKind.F32 => BitConverter.SingleToInt32Bits((float)args.GetDouble(i, "argument")),
                    _ => BitConverter.DoubleToInt64Bits(args.GetDouble(i, "argument")),
                };
            }

            long returned;
            try
            {
                returned = callback(instance, values);
            }
            catch (Exception e)
            {
                // V8 reports a wrapped script error; the call reads the original from here.
                isolate.HostException = e;
                throw;
            }

            switch (result)
            {
                case WasmValueKind.I32:
                    value.Set((int)returned);
                    break;
                case WasmValueKind.I64:
                    value.Set(new BigInteger(returned));
                    break;
                case WasmValueKind.F32:
                    value.Set(BitConverter.Int32BitsToSingle((int)returned));
                    break;
                case WasmValueKind.F64:
                    value.Set(BitConverter.Int64BitsToDouble(returned));
                    break;
            }
        });
    }
}
