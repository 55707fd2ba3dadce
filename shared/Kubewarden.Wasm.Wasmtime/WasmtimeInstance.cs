using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>One store and the instance in it. Disposing it frees the store and everything the guest allocated.</summary>
internal sealed class WasmtimeInstance : IWasmInstance
{
    /// <summary>Far enough away never to fire, small enough that Wasmtime's epoch arithmetic cannot overflow.</summary>
    private const ulong NoDeadlineTicks = 1UL << 62;

    private readonly Store _store;
    private readonly IReadOnlyDictionary<string, WasmtimeSignature> _signatures;
    private readonly Dictionary<string, WasmtimeFunction?> _functions = new(StringComparer.Ordinal);
    private Instance? _instance;
    private Memory? _memory;

    public WasmtimeInstance(Store store, IReadOnlyDictionary<string, WasmtimeSignature> signatures, object? hostState)
    {
        _store = store;
        _signatures = signatures;
        HostState = hostState;
    }

    public object? HostState { get; }

    public long MemorySize => _memory?.GetLength() ?? 0;

    public void Attach(Instance instance)
    {
        _instance = instance;
        _memory ??= instance.GetMemory("memory");
    }

    /// <summary>During instantiation the instance is not known yet; a host call finds the memory through its caller.</summary>
    public void ResolveMemory(Caller caller) => _memory ??= caller.GetMemory("memory");

    public Span<byte> GetMemory(uint address, uint length)
    {
        var memory = _memory ?? throw new WasmHostTrapException("the module exports no memory", WasmTrapKind.OutOfBounds);
        if ((ulong)address + length > (ulong)memory.GetLength())
        {
            throw new WasmHostTrapException(
                $"out of bounds memory access: {length} bytes at {address}, memory is {memory.GetLength()} bytes",
                WasmTrapKind.OutOfBounds);
        }

        return length == 0 ? Span<byte>.Empty : memory.GetSpan(address, checked((int)length));
    }

    public IWasmFunction? GetFunction(string name)
    {
        if (!_functions.TryGetValue(name, out var function))
        {
            var native = _signatures.TryGetValue(name, out var signature) ? _instance?.GetFunction(name) : null;
            function = native is null ? null : new WasmtimeFunction(native, signature!);
            _functions[name] = function;
        }

        return function;
    }

    public bool TryReadGlobal(string name, out WasmValue value)
    {
        WasmValue? read = _instance?.GetGlobal(name)?.GetValue() switch
        {
            int i => new WasmValue(WasmValueKind.I32, (uint)i),
            long l => new WasmValue(WasmValueKind.I64, (ulong)l),
            float f => new WasmValue(WasmValueKind.F32, (uint)BitConverter.SingleToInt32Bits(f)),
            double d => new WasmValue(WasmValueKind.F64, (ulong)BitConverter.DoubleToInt64Bits(d)),
            _ => null,
        };
        value = read.GetValueOrDefault();
        return read.HasValue;
    }

    public ulong? GetTableSize(string name) => _instance?.GetTable(name)?.GetSize();

    public void SetDeadline(TimeSpan? timeout) =>
        _store.SetEpochDeadline(timeout is { } t ? WasmtimeEpochTicker.TicksFor(t) : NoDeadlineTicks);

    public void Dispose() => _store.Dispose();
}
