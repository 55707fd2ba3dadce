using System.Numerics;
using Kubewarden.Wasm.Binary;
using Microsoft.ClearScript;
using Microsoft.ClearScript.JavaScript;

namespace Kubewarden.Wasm.V8;

/// <summary>
/// One WebAssembly instance in one isolate. Guest memory is reached through a pointer to the ArrayBuffer's backing
/// store: V8 reserves a Wasm memory's whole address range up front, so growing never moves it and a pointer taken
/// once stays valid; it is refreshed when an access goes past the size it was taken at.
/// </summary>
internal sealed class V8Instance(V8Isolate isolate, V8Module module, object? hostState) : IWasmInstance
{
    private readonly Dictionary<string, V8Function?> _functions = new(StringComparer.Ordinal);
    private ScriptObject? _exports;
    private ScriptObject? _memory;
    private IntPtr _memoryPointer;
    private ulong _memorySize;
    private TimeSpan? _timeout;

    public object? HostState { get; } = hostState;

    public V8Isolate Isolate => isolate;

    public long MemorySize
    {
        get
        {
            RefreshMemory();
            return (long)_memorySize;
        }
    }

    public void Attach(ScriptObject exports)
    {
        _exports = exports;
        _memory = isolate.Export(exports, "memory");
    }

    public unsafe Span<byte> GetMemory(uint address, uint length)
    {
        if ((ulong)address + length > _memorySize)
        {
            RefreshMemory();
        }

        if (_memory is null && _exports is null)
        {
            // A host call from the start function, before the exports are known.
            throw new WasmHostTrapException("the module's memory is not reachable during instantiation", WasmTrapKind.OutOfBounds);
        }

        if ((ulong)address + length > _memorySize)
        {
            throw new WasmHostTrapException(
                $"out of bounds memory access: {length} bytes at {address}, memory is {_memorySize} bytes", WasmTrapKind.OutOfBounds);
        }

        return length == 0 ? Span<byte>.Empty : new Span<byte>((byte*)_memoryPointer + address, checked((int)length));
    }

    public IWasmFunction? GetFunction(string name)
    {
        if (!_functions.TryGetValue(name, out var function))
        {
            function = module.ExportSignatures.TryGetValue(name, out var signature) && signature.Kind == WasmExternKind.Function
                && _exports is not null && isolate.Export(_exports, name) is { } native
                ? new V8Function(this, native, signature)
                : null;
            _functions[name] = function;
        }

        return function;
    }

    public bool TryReadGlobal(string name, out WasmValue value)
    {
        value = default;
        if (!module.ExportSignatures.TryGetValue(name, out var signature) || signature.Kind != WasmExternKind.Global
            || _exports is null || isolate.Export(_exports, name) is not { } global)
        {
            return false;
        }

        var kind = signature.Results[0];
        var raw = global.GetProperty("value");
        value = kind switch
        {
            WasmValueKind.I32 => new WasmValue(kind, (uint)Convert.ToInt32(raw, System.Globalization.CultureInfo.InvariantCulture)),
            WasmValueKind.I64 => new WasmValue(kind, (ulong)(long)(BigInteger)raw),
            WasmValueKind.F32 or WasmValueKind.F64 => new WasmValue(kind, (ulong)V8Values.FromScript(kind, raw)),
            _ => default,
        };
        return kind is WasmValueKind.I32 or WasmValueKind.I64 or WasmValueKind.F32 or WasmValueKind.F64;
    }

    public ulong? GetTableSize(string name) =>
        _exports is not null && isolate.Export(_exports, name) is { } table && module.ExportSignatures.TryGetValue(name, out var s) && s.Kind == WasmExternKind.Table
            ? Convert.ToUInt64(table.GetProperty("length"), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    public void SetDeadline(TimeSpan? timeout) => _timeout = timeout;

    /// <summary>Arms the isolate with this instance's deadline for the call starting now.</summary>
    public void ArmIsolate()
    {
        if (_timeout is { } timeout)
        {
            var time = TimeProvider.System;
            isolate.Arm(time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency));
        }
    }

    public void Dispose()
    {
        _memory?.Dispose();
        _exports?.Dispose();
        foreach (var function in _functions.Values)
        {
            function?.Dispose();
        }
    }

    private void RefreshMemory()
    {
        if (_memory?.GetProperty("buffer") is IArrayBuffer buffer)
        {
            _memorySize = buffer.Size;
            _memoryPointer = buffer.InvokeWithDirectAccess(static pointer => pointer);
        }
    }
}
