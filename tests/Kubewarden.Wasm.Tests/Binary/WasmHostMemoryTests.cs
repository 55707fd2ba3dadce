using Kubewarden.Wasm.Binary;
using Wasmtime;
using static Kubewarden.Wasm.Tests.Binary.SnapshotHarness;

namespace Kubewarden.Wasm.Tests.Binary;

/// <summary>The host-provided memory of OPA modules (<c>env.memory</c>), turned into a memory the module owns.</summary>
public sealed class WasmHostMemoryTests
{
    [Fact]
    public void Define_ImportedMemory_BecomesAnExportedMemoryOfTheHostsSizeHoldingTheDataSegments()
    {
        var module = Wat("""
            (module
              (import "env" "f" (func $f))
              (import "env" "memory" (memory 2))
              (data (i32.const 100) "opa")
              (func (export "read") (result i32) (i32.load8_u (i32.const 101))))
            """);

        var defined = WasmHostMemory.Define(module, "env", "memory", 5);

        using var engine = new Engine();
        using var compiled = Module.FromBytes(engine, "defined", defined);
        Assert.Equal(["env.f"], compiled.Imports.Select(i => $"{i.ModuleName}.{i.Name}"));
        using var linker = new Linker(engine);
        linker.DefineFunction("env", "f", () => { });
        using var store = new Store(engine);
        var instance = linker.Instantiate(store, compiled);
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(5 * 65536, memory.GetLength());
        Assert.Equal('p', instance.GetFunction<int>("read")!());
        Assert.Equal(7, memory.Grow(2) + 2);
    }

    [Fact]
    public void Define_ImportAskingForMorePages_GetsWhatItAsksFor()
    {
        var defined = WasmHostMemory.Define(Wat("""(module (import "env" "memory" (memory 9 12)) (export "mem" (memory 0)))"""), "env", "memory", 5);

        using var engine = new Engine();
        using var compiled = Module.FromBytes(engine, "defined", defined);
        var export = Assert.Single(compiled.Exports.OfType<MemoryExport>(), e => e.Name == "mem");
        Assert.Equal(9, export.Minimum);
        Assert.Equal(12L, export.Maximum);
        // Hosts reach memory through the `memory` export, so it is added beside the module's own name.
        Assert.Contains(compiled.Exports, e => e is MemoryExport && e.Name == WasmHostMemory.ExportName);
    }

    [Fact]
    public void Define_ModuleWithoutThatImport_FailsNamingIt()
    {
        var error = Assert.Throws<WasmFormatException>(() => WasmHostMemory.Define(Wat("(module (memory 1))"), "env", "memory", 5));

        Assert.Equal("the module does not import the memory `env`.`memory`", error.Message);
    }

    [Fact]
    public void Define_ModuleWithAnotherMemoryToo_FailsSayingOnlyOneIsSupported()
    {
        var module = Wat("""(module (import "env" "memory" (memory 1)) (memory 1))""");

        var error = Assert.Throws<WasmFormatException>(() => WasmHostMemory.Define(module, "env", "memory", 5));

        Assert.Contains("only a single memory is supported", error.Message, StringComparison.Ordinal);
    }
}
