using Kubewarden.Wasm.Binary;
using Wasmtime;
using static Kubewarden.Wasm.Tests.Binary.SnapshotHarness;

namespace Kubewarden.Wasm.Tests.Binary;

public sealed class WasmSnapshotInstrumenterTests
{
    [Fact]
    public void Instrument_ExportsDefinedGlobalsMemoryAndTables()
    {
        const string wat = """
            (module
              (import "env" "g" (global i64))
              (import "env" "t" (table 1 funcref))
              (table 2 funcref)
              (memory 1)
              (global (mut i32) (i32.const 3))
              (global f64 (f64.const 1.5))
              (export "existing" (memory 0)))
            """;
        var instrumented = WasmSnapshotInstrumenter.Instrument(Wat(wat));

        Assert.Equal(
            [
                new WasmSnapshotGlobal(0, "__kw_snapshot_global_0", WasmSnapshotValueType.I32, true),
                new WasmSnapshotGlobal(1, "__kw_snapshot_global_1", WasmSnapshotValueType.F64, false),
            ],
            instrumented.Globals);
        Assert.Equal("__kw_snapshot_memory", instrumented.MemoryExport);
        Assert.Equal(["__kw_snapshot_table_0"], instrumented.TableExports);

        using var engine = new Engine();
        using var module = Module.FromBytes(engine, "instrumented", instrumented.Bytes);
        using var linker = new Linker(engine);
        using var store = new Store(engine);
        linker.Define("env", "g", new Global(store, ValueKind.Int64, 99L, Mutability.Immutable));
        linker.Define("env", "t", new Table(store, TableKind.FuncRef, null, 1));
        var instance = linker.Instantiate(store, module);
        Assert.Equal(3, instance.GetGlobal("__kw_snapshot_global_0")!.GetValue());
        Assert.Equal(1.5, instance.GetGlobal("__kw_snapshot_global_1")!.GetValue());
        Assert.Equal(2u, instance.GetTable("__kw_snapshot_table_0")!.GetSize());
        Assert.NotNull(instance.GetMemory("existing"));
        Assert.NotNull(instance.GetMemory("__kw_snapshot_memory"));
    }

    [Fact]
    public void Instrument_CreatesAnExportSectionInOrder()
    {
        const string wat = """
            (module
              (memory 1)
              (global (mut i32) (i32.const 0))
              (func $f)
              (start $f)
              (data (i32.const 0) "x"))
            """;
        var original = Wat(wat);
        Assert.DoesNotContain((byte)7, SectionIds(original));

        var instrumented = WasmSnapshotInstrumenter.Instrument(original);

        var ids = SectionIds(instrumented.Bytes);
        Assert.Equal(ids.IndexOf(6) + 1, ids.IndexOf(7));
        Assert.Equal(ids.IndexOf(7) + 1, ids.IndexOf(8));
        Assert.Equal(2u, SectionCount(instrumented.Bytes, 7));
        using var engine = new Engine();
        Assert.Null(Module.Validate(engine, instrumented.Bytes));
    }

    [Fact]
    public void Instrument_ModuleWithNothingToExportIsUnchanged()
    {
        var original = Wat("(module (func (export \"f\")))");

        var instrumented = WasmSnapshotInstrumenter.Instrument(original);

        Assert.Equal(original, instrumented.Bytes);
        Assert.Empty(instrumented.Globals);
        Assert.Null(instrumented.MemoryExport);
        Assert.Empty(instrumented.TableExports);
    }

    [Theory]
    [InlineData("(module (import \"env\" \"mem\" (memory 1)))", "imports its memory")]
    [InlineData("(module (global (mut funcref) (ref.null func)))", "funcref")]
    [InlineData("(module (global externref (ref.null extern)))", "externref")]
    [InlineData("(module (memory 1) (memory 1))", "2 memories")]
    [InlineData("(module (memory i64 1))", "memory64")]
    public void Instrument_RejectsModulesThatCannotBeSnapshotted(string wat, string reason)
    {
        var module = Wat(wat);

        var ex = Assert.Throws<WasmSnapshotNotSupportedException>(() => WasmSnapshotInstrumenter.Instrument(module));
        Assert.Contains(reason, ex.Reason);
        Assert.Throws<WasmSnapshotNotSupportedException>(
            () => WasmSnapshotBuilder.Build(module, new WasmSnapshotState([], ReadOnlyMemory<byte>.Empty, 0)));
    }

    [Fact]
    public void Instrument_RejectsAnExistingExportWithTheSameName()
    {
        var module = Wat("(module (memory (export \"__kw_snapshot_memory\") 1))");

        var ex = Assert.Throws<WasmSnapshotNotSupportedException>(() => WasmSnapshotInstrumenter.Instrument(module));
        Assert.Contains("__kw_snapshot_memory", ex.Reason);
    }
}
