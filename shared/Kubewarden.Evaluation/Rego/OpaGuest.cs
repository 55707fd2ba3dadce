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
    private readonly TimeSpan _setupTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PreparedInstancePool<OpaInvocation>? _prepared;

    private OpaGuest(IWasmLinkedModule linked, OpaModuleInfo info, long? maxMemoryBytes, TimeSpan setupTimeout, int preparedInstances, TimeProvider time, ILogger logger)
    {
        _linked = linked;
        _info = info;
        _maxMemoryBytes = maxMemoryBytes;
        _setupTimeout = setupTimeout;
        _time = time;
        _logger = logger;
        // Instantiation runs only the module's own start function (_initialize), which calls no host function.
        _prepared = preparedInstances > 0 ? new PreparedInstancePool<OpaInvocation>(Prepare, preparedInstances) : null;
    }

    /// <summary>Entrypoint ids by rule path (e.g. <c>policy/violation</c>), from the module's <c>entrypoints</c> export.</summary>
    public IReadOnlyDictionary<string, int> Entrypoints => _info.Entrypoints;

    /// <summary>
    /// Compiles and links the module, then reads which builtins and entrypoints it declares from a first instance.
    /// </summary>
    /// <exception cref="PolicyLoadException">Not an OPA module, or it needs builtins the host does not implement.</exception>
    internal static OpaGuest Prepare(
        IWasmEngine engine, ReadOnlyMemory<byte> module, long? maxMemoryBytes, TimeSpan setupTimeout, int preparedInstances, TimeProvider time, ILogger logger)
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
            return new OpaGuest(linked, info, maxMemoryBytes, setupTimeout, preparedInstances, time, logger);
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

        IWasmInstance wasm;
        OpaInvocation invocation;
        if (_prepared is not null && _prepared.TryTake(out var ready))
        {
            (wasm, invocation) = ready;
        }
        else
        {
            invocation = new OpaInvocation(_info, _logger);
            var instantiation = _linked.Instantiate(invocation, new WasmInstanceOptions(_maxMemoryBytes, timeout));
            if (instantiation.Instance is null)
            {
                var trap = instantiation.Trap!;
                return OpaEvaluation.Failed(
                    trap.Kind == WasmTrapKind.Interrupted ? GuestTrapText.Interrupted : $"wasm engine error: linker cannot create instance: {GuestTrapText.For(trap)}",
                    trap.Kind == WasmTrapKind.Interrupted);
            }

            wasm = instantiation.Instance;
        }

        using (wasm)
        {
            wasm.SetDeadline(timeout);
            var instance = new OpaInstance(wasm);
            invocation.Begin(instance, new RegoBuiltinContext(_time, _logger), policyId);
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
        _prepared?.Dispose();
        _linked.Dispose();
        _linked.Module.Dispose();
    }

    /// <summary>An instance for the prepared pool; null when instantiation fails (the evaluation then reports why).</summary>
    private (IWasmInstance Instance, OpaInvocation State)? Prepare()
    {
        var invocation = new OpaInvocation(_info, _logger);
        var instance = _linked.Instantiate(invocation, new WasmInstanceOptions(_maxMemoryBytes, _setupTimeout)).Instance;
        return instance is null ? null : (instance, invocation);
    }

    private static OpaModuleInfo ReadModuleInfo(IWasmLinkedModule linked, long? maxMemoryBytes, TimeSpan timeout, TimeProvider time, ILogger logger)
    {
        var invocation = new OpaInvocation(new OpaModuleInfo(FrozenDictionary<int, RegoBuiltin>.Empty, FrozenDictionary<string, int>.Empty), logger);
        var instantiation = linked.Instantiate(invocation, new WasmInstanceOptions(maxMemoryBytes, timeout));
        if (instantiation.Instance is not { } wasm)
        {
            throw new PolicyLoadException($"the module cannot be instantiated: {GuestTrapText.For(instantiation.Trap!)}");
        }

        using (wasm)
        {
            wasm.SetDeadline(timeout);
            var instance = new OpaInstance(wasm);
            invocation.Begin(instance, new RegoBuiltinContext(time, logger), string.Empty);
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
