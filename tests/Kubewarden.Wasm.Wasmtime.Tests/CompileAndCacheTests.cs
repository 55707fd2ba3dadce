namespace Kubewarden.Wasm.Wasmtime.Tests;

/// <summary>Compilation through the on-disk artifact cache.</summary>
public sealed class CompileAndCacheTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string AnswerWat = """(module (func (export "answer") (result i32) (i32.const 42)))""";

    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    [Fact]
    public void Compile_BytesNotWasm_ThrowsCompileException()
    {
        var error = Assert.Throws<WasmCompileException>(() => fixture.Engine.Compile("not wasm"u8.ToArray()));

        Assert.StartsWith("not a valid WebAssembly module: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ModuleFailingValidation_ThrowsCompileExceptionAndCachesNothing()
    {
        var bytes = EngineFixture.UniqueModule("""(module (func (export "f") (result i32)))""");

        var error = Assert.Throws<WasmCompileException>(() => fixture.Engine.Compile(bytes));

        Assert.StartsWith("not a valid WebAssembly module: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(ArtifactsOf(bytes));
    }

    [Fact]
    public void Compile_ValidModule_ExposesDigestImportsAndExports()
    {
        var bytes = EngineFixture.Module("""
            (module
              (import "env" "log" (func (param i32)))
              (memory (export "memory") 1)
              (global (export "counter") (mut i32) (i32.const 0))
              (table (export "table") 1 funcref)
              (func (export "run")))
            """);

        using var module = fixture.Engine.Compile(bytes);

        Assert.Equal(WasmArtifactCache.ComputeDigest(bytes), module.Digest);
        Assert.Equal([new WasmImport("env", "log", WasmExternKind.Function)], module.Imports);
        Assert.Equal(
            [
                new WasmExport("memory", WasmExternKind.Memory),
                new WasmExport("counter", WasmExternKind.Global),
                new WasmExport("table", WasmExternKind.Table),
                new WasmExport("run", WasmExternKind.Function),
            ],
            module.Exports);
    }

    [Fact]
    public void Compile_SameBytesTwice_WritesOneArtifactAndLoadsItTheSecondTime()
    {
        var bytes = EngineFixture.UniqueModule(AnswerWat);

        using (fixture.Engine.Compile(bytes))
        {
        }

        var artifact = Assert.Single(ArtifactsOf(bytes));
        // A recompilation would write a fresh file (temporary file + rename): an old timestamp proves it was only read.
        File.SetLastWriteTimeUtc(artifact, LongAgo);

        using var second = fixture.Engine.Compile(bytes);

        Assert.Equal(artifact, Assert.Single(ArtifactsOf(bytes)));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(artifact));
        Assert.Equal(42, CallAnswer(second));
    }

    [Fact]
    public void Compile_FreshEngineOnSameCacheDirectory_LoadsTheArtifact()
    {
        var bytes = EngineFixture.UniqueModule(AnswerWat);
        using (fixture.Engine.Compile(bytes))
        {
        }

        var artifact = Assert.Single(ArtifactsOf(bytes));
        File.SetLastWriteTimeUtc(artifact, LongAgo);

        using var engine = new WasmtimeEngine(fixture.Options);
        using var module = engine.Compile(bytes);

        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(artifact));
        Assert.Equal(42, CallAnswer(module));
    }

    [Fact]
    public void Compile_CorruptedArtifact_IsReplacedTransparently()
    {
        var bytes = EngineFixture.UniqueModule(AnswerWat);
        using (fixture.Engine.Compile(bytes))
        {
        }

        var artifact = Assert.Single(ArtifactsOf(bytes));
        var garbage = "this is not a precompiled module"u8.ToArray();
        File.WriteAllBytes(artifact, garbage);

        using var module = fixture.Engine.Compile(bytes);

        Assert.Equal(42, CallAnswer(module));
        Assert.Equal(artifact, Assert.Single(ArtifactsOf(bytes)));
        Assert.NotEqual(garbage, File.ReadAllBytes(artifact));
        Assert.Empty(Directory.GetFiles(fixture.CacheDirectory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Compile_TruncatedArtifact_IsReplacedTransparently()
    {
        var bytes = EngineFixture.UniqueModule(AnswerWat);
        using (fixture.Engine.Compile(bytes))
        {
        }

        var artifact = Assert.Single(ArtifactsOf(bytes));
        var complete = File.ReadAllBytes(artifact);
        File.WriteAllBytes(artifact, complete[..(complete.Length / 2)]);

        using var module = fixture.Engine.Compile(bytes);

        Assert.Equal(42, CallAnswer(module));
        Assert.Equal(complete.Length, new FileInfo(artifact).Length);
    }

    [Fact]
    public void Compile_EmptyArtifact_IsReplacedTransparently()
    {
        var bytes = EngineFixture.UniqueModule(AnswerWat);
        using (fixture.Engine.Compile(bytes))
        {
        }

        var artifact = Assert.Single(ArtifactsOf(bytes));
        File.WriteAllBytes(artifact, []);

        using var module = fixture.Engine.Compile(bytes);

        Assert.Equal(42, CallAnswer(module));
        Assert.NotEqual(0, new FileInfo(artifact).Length);
    }

    [Fact]
    public void Compile_WithoutCacheDirectory_Works()
    {
        using var engine = new WasmtimeEngine(new WasmEngineOptions());
        using var module = engine.Compile(EngineFixture.Module(AnswerWat));

        Assert.Equal(42, CallAnswer(module));
    }

    [Fact]
    public void Version_DependsOnTheMemoryReservation()
    {
        using var other = new WasmtimeEngine(new WasmEngineOptions { MaxMemoryBytes = 64L * 1024 * 1024 });

        Assert.Equal("wasmtime", fixture.Engine.Name);
        Assert.NotEqual(fixture.Engine.Version, other.Version);
    }

    private string[] ArtifactsOf(byte[] bytes) => Directory.Exists(fixture.CacheDirectory)
        ? Directory.GetFiles(fixture.CacheDirectory, WasmArtifactCache.ComputeDigest(bytes) + ".bin", SearchOption.AllDirectories)
        : [];

    private static long CallAnswer(IWasmModule module)
    {
        using var linked = module.Link([]);
        var instantiation = linked.Instantiate(null, WasmInstanceOptions.Unlimited);
        using var instance = instantiation.Instance ?? throw new InvalidOperationException(instantiation.Trap?.Detail);
        var result = instance.GetFunction("answer")!.Call([]);
        Assert.True(result.Succeeded, result.Trap?.Detail);
        return result.Value;
    }
}
