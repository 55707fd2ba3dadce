using Kubewarden.Wasm.Binary;
using Wasmtime;

namespace Kubewarden.Wasm.Tests.Binary;

/// <summary>
/// Runs the snapshot pipeline with Wasmtime: instrument, instantiate, initialise, read the state, build.
/// </summary>
internal static class SnapshotHarness
{
    public static byte[] Wat(string wat) => Module.ConvertText(wat);

    /// <summary>Snapshots <paramref name="original"/> after running <paramref name="init"/> on an instance of it.</summary>
    public static byte[] Snapshot(byte[] original, Action<Instance>? init, Action<Linker, Store>? link = null)
    {
        var instrumented = WasmSnapshotInstrumenter.Instrument(original);
        using var engine = new Engine();
        using var module = Module.FromBytes(engine, "instrumented", instrumented.Bytes);
        using var linker = new Linker(engine);
        using var store = new Store(engine);
        link?.Invoke(linker, store);
        var instance = linker.Instantiate(store, module);
        init?.Invoke(instance);
        return WasmSnapshotBuilder.Build(original, ReadState(instance, instrumented));
    }

    /// <summary>Reads the state of an instance of an instrumented module through its snapshot exports.</summary>
    public static WasmSnapshotState ReadState(Instance instance, WasmInstrumentedModule instrumented)
    {
        var globals = new List<WasmSnapshotGlobalValue>();
        foreach (var global in instrumented.Globals)
        {
            var value = instance.GetGlobal(global.ExportName)?.GetValue()
                ?? throw new InvalidOperationException($"missing export {global.ExportName}");
            globals.Add(ToSnapshotValue(global, value));
        }

        if (instrumented.MemoryExport is null)
        {
            return new WasmSnapshotState(globals, ReadOnlyMemory<byte>.Empty, 0);
        }

        var memory = instance.GetMemory(instrumented.MemoryExport)
            ?? throw new InvalidOperationException("missing memory export");
        var bytes = memory.GetSpan(0, checked((int)memory.GetLength())).ToArray();
        return new WasmSnapshotState(globals, bytes, memory.GetSize());
    }

    /// <summary>A fresh instance of <paramref name="bytes"/> in its own store; the caller disposes the returned scope.</summary>
    public static InstanceScope Instantiate(byte[] bytes, Action<Linker, Store>? link = null) => new(bytes, link);

    /// <summary>Reads the unsigned LEB128 count at the start of a section payload.</summary>
    public static uint ReadCount(ReadOnlySpan<byte> payload)
    {
        uint result = 0;
        var shift = 0;
        foreach (var b in payload)
        {
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }

            shift += 7;
        }

        throw new InvalidOperationException("truncated LEB128");
    }

    /// <summary>The count at the start of the first section with <paramref name="id"/>, or null when there is none.</summary>
    public static uint? SectionCount(byte[] module, byte id)
    {
        foreach (var section in WasmModuleReader.ReadSections(module))
        {
            if (section.Id == id)
            {
                return ReadCount(module.AsSpan(section.Offset, section.Length));
            }
        }

        return null;
    }

    public static List<byte> SectionIds(byte[] module)
    {
        var ids = new List<byte>();
        foreach (var section in WasmModuleReader.ReadSections(module))
        {
            ids.Add(section.Id);
        }

        return ids;
    }

    private static WasmSnapshotGlobalValue ToSnapshotValue(WasmSnapshotGlobal global, object value)
    {
        switch (value)
        {
            case int i:
                return new WasmSnapshotGlobalValue(global.DefinedIndex, WasmSnapshotValueType.I32, unchecked((uint)i), 0);
            case long l:
                return new WasmSnapshotGlobalValue(global.DefinedIndex, WasmSnapshotValueType.I64, unchecked((ulong)l), 0);
            case float f:
                return new WasmSnapshotGlobalValue(global.DefinedIndex, WasmSnapshotValueType.F32, BitConverter.SingleToUInt32Bits(f), 0);
            case double d:
                return new WasmSnapshotGlobalValue(global.DefinedIndex, WasmSnapshotValueType.F64, BitConverter.DoubleToUInt64Bits(d), 0);
            case V128 v:
                var bytes = v.AsSpan();
                return new WasmSnapshotGlobalValue(
                    global.DefinedIndex,
                    WasmSnapshotValueType.V128,
                    BitConverter.ToUInt64(bytes[..8]),
                    BitConverter.ToUInt64(bytes[8..]));
            default:
                throw new InvalidOperationException($"unexpected global value {value.GetType()}");
        }
    }

    /// <summary>An engine, store and instance that live together.</summary>
    internal sealed class InstanceScope : IDisposable
    {
        private readonly Engine _engine;
        private readonly Module _module;
        private readonly Linker _linker;
        private readonly Store _store;

        public InstanceScope(byte[] bytes, Action<Linker, Store>? link)
        {
            _engine = new Engine();
            _module = Module.FromBytes(_engine, "module", bytes);
            _linker = new Linker(_engine);
            _store = new Store(_engine);
            link?.Invoke(_linker, _store);
            Instance = _linker.Instantiate(_store, _module);
        }

        public Instance Instance { get; }

        public Module Module => _module;

        public int Call(string name) =>
            (Instance.GetFunction<int>(name) ?? throw new InvalidOperationException($"missing export {name}"))();

        public void Run(string name) =>
            (Instance.GetAction(name) ?? throw new InvalidOperationException($"missing export {name}"))();

        public byte[] ReadMemory(string exportName, long address, int length)
        {
            var memory = Instance.GetMemory(exportName) ?? throw new InvalidOperationException($"missing memory {exportName}");
            return memory.GetSpan(address, length).ToArray();
        }

        public long MemoryPages(string exportName) =>
            (Instance.GetMemory(exportName) ?? throw new InvalidOperationException($"missing memory {exportName}")).GetSize();

        public void Dispose()
        {
            _store.Dispose();
            _linker.Dispose();
            _module.Dispose();
            _engine.Dispose();
        }
    }
}
