using System.Collections.Frozen;
using System.Text.Json;
using Kubewarden.Rego.Builtins;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// A prepared OPA Wasm module (Rego compiled with <c>opa build -t wasm</c>). Every evaluation runs in a fresh instance:
/// the host provides its <c>env.memory</c> (5 pages, no maximum), pushes data and input as JSON, evaluates an
/// entrypoint and reads the result set back as JSON.
/// </summary>
public sealed class OpaGuest : IDisposable
{
    /// <summary>The pages of the memory the host provides, as Kubewarden does.</summary>
    public const ulong MemoryPages = 5;

    private readonly IWasmLinkedModule _linked;
    private readonly OpaModuleInfo _info;
    private readonly long? _maxMemoryBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private OpaGuest(IWasmLinkedModule linked, OpaModuleInfo info, long? maxMemoryBytes, TimeProvider time, ILogger logger)
    {
        _linked = linked;
        _info = info;
        _maxMemoryBytes = maxMemoryBytes;
        _time = time;
        _logger = logger;
    }

    /// <summary>Entrypoint ids by rule path (e.g. <c>policy/violation</c>), from the module's <c>entrypoints</c> export.</summary>
    public IReadOnlyDictionary<string, int> Entrypoints => _info.Entrypoints;

    /// <summary>
    /// Compiles and links the module, then reads which builtins and entrypoints it declares from a first instance.
    /// </summary>
    /// <exception cref="PolicyLoadException">Not an OPA module, or it needs builtins the host does not implement.</exception>
    internal static OpaGuest Prepare(IWasmEngine engine, ReadOnlyMemory<byte> module, long? maxMemoryBytes, TimeSpan setupTimeout, TimeProvider time, ILogger logger)
    {
        byte[] withMemory;
        try
        {
            withMemory = WasmHostMemory.Define(module.Span, "env", "memory", MemoryPages);
        }
        catch (WasmFormatException e)
        {
            throw new PolicyLoadException($"the module is not an OPA Wasm module: {e.Message}", e);
        }

        var compiled = engine.Compile(withMemory);
        IWasmLinkedModule? linked = null;
        try
        {
            var missingExport = OpaInstance.RequiredExports.FirstOrDefault(name => !compiled.Exports.Any(e => e.Name == name && e.Kind == WasmExternKind.Function));
            if (missingExport is not null)
            {
                throw new PolicyLoadException($"the module is not an OPA Wasm module: it does not export the function `{missingExport}`");
            }

            linked = compiled.Link(OpaHostFunctions.All);
            var info = ReadModuleInfo(linked, maxMemoryBytes, setupTimeout, time, logger);
            return new OpaGuest(linked, info, maxMemoryBytes, time, logger);
        }
        catch
        {
            linked?.Dispose();
            compiled.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Evaluates <paramref name="entrypoint"/> with <paramref name="input"/> and <paramref name="data"/> (UTF-8 JSON) in a
    /// fresh instance; never throws for what the guest does.
    /// </summary>
    public OpaEvaluation Evaluate(int entrypoint, ReadOnlySpan<byte> input, ReadOnlySpan<byte> data, TimeSpan? timeout, string policyId)
    {
        if (!_info.Entrypoints.Values.Contains(entrypoint))
        {
            return OpaEvaluation.Failed(
                $"Rego wasm error: Cannot find the specified entrypoint {entrypoint} inside of {JsonSerializer.Serialize(_info.Entrypoints.ToDictionary(), RegoJsonContext.Default.DictionaryStringInt32)}",
                timedOut: false);
        }

        var invocation = new OpaInvocation(_info, new RegoBuiltinContext(_time, _logger), _logger, policyId);
        var instantiation = _linked.Instantiate(invocation, new WasmInstanceOptions(_maxMemoryBytes, timeout));
        if (instantiation.Instance is not { } wasm)
        {
            var trap = instantiation.Trap!;
            return OpaEvaluation.Failed(
                trap.Kind == WasmTrapKind.Interrupted ? GuestTrapText.Interrupted : $"wasm engine error: linker cannot create instance: {GuestTrapText.For(trap)}",
                trap.Kind == WasmTrapKind.Interrupted);
        }

        using (wasm)
        {
            wasm.SetDeadline(timeout);
            var instance = new OpaInstance(wasm);
            invocation.Instance = instance;
            try
            {
                var dataAddress = instance.PushJson(data);
                var inputAddress = instance.PushJson(input);
                return OpaEvaluation.Succeeded(instance.Evaluate(entrypoint, inputAddress, dataAddress));
            }
            catch (OpaCallException e)
            {
                return OpaEvaluation.Failed(e.Message, e.TimedOut);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _linked.Module.Dispose();
    }

    private static OpaModuleInfo ReadModuleInfo(IWasmLinkedModule linked, long? maxMemoryBytes, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        var invocation = new OpaInvocation(new OpaModuleInfo(FrozenDictionary<int, RegoBuiltin>.Empty, FrozenDictionary<string, int>.Empty), new RegoBuiltinContext(time, logger), logger, string.Empty);
        var instantiation = linked.Instantiate(invocation, new WasmInstanceOptions(maxMemoryBytes, timeout));
        if (instantiation.Instance is not { } wasm)
        {
            throw new PolicyLoadException($"the module cannot be instantiated: {GuestTrapText.For(instantiation.Trap!)}");
        }

        using (wasm)
        {
            wasm.SetDeadline(timeout);
            var instance = new OpaInstance(wasm);
            invocation.Instance = instance;
            try
            {
                var builtins = ReadIdMap(instance, "builtins");
                var missing = RegoBuiltins.Missing(builtins.Keys);
                if (missing.Count > 0)
                {
                    throw new PolicyLoadException(OpaErrors.MissingBuiltins + string.Join(", ", missing));
                }

                return new OpaModuleInfo(
                    builtins.ToFrozenDictionary(b => b.Value, b => RegoBuiltins.All[b.Key]),
                    ReadIdMap(instance, "entrypoints").ToFrozenDictionary(StringComparer.Ordinal));
            }
            catch (OpaCallException e)
            {
                throw new PolicyLoadException($"the module's `builtins`/`entrypoints` exports failed: {e.Message}", e);
            }
        }
    }

    private static Dictionary<string, int> ReadIdMap(OpaInstance instance, string export)
    {
        try
        {
            return JsonSerializer.Deserialize(instance.DumpExport(export), RegoJsonContext.Default.DictionaryStringInt32)
                ?? throw new PolicyLoadException($"OPA {export} didn't return a dictionary");
        }
        catch (JsonException e)
        {
            throw new PolicyLoadException($"OPA {export} didn't return a dictionary of ids: {e.Message}", e);
        }
    }
}
