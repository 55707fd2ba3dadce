using BenchmarkDotNet.Attributes;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>Compiling the corpus TinyGo policy: with Cranelift (cold), and from the on-disk artifact cache.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private IWasmEngine _coldEngine = null!;
    private IWasmEngine _cachedEngine = null!;
    private string _cacheDirectory = null!;
    private byte[] _module = null!;

    /// <summary>The engine under test (V8 has no artifact cache: "from cache" compiles again).</summary>
    [Params(WasmEngines.Wasmtime, WasmEngines.V8)]
    public string Engine { get; set; } = WasmEngines.Wasmtime;

    [GlobalSetup]
    public void Setup()
    {
        _module = CorpusPolicy.Module;
        _cacheDirectory = Directory.CreateTempSubdirectory("kubewarden-bench-cache").FullName;
        _coldEngine = WasmEngines.Create(Engine, new WasmEngineOptions());
        _cachedEngine = WasmEngines.Create(Engine, new WasmEngineOptions { CacheDirectory = _cacheDirectory });
        _cachedEngine.Compile(_module).Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _coldEngine.Dispose();
        _cachedEngine.Dispose();
        Directory.Delete(_cacheDirectory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public void Cold() => _coldEngine.Compile(Unique()).Dispose();

    [Benchmark]
    public void FromCache() => _cachedEngine.Compile(_module).Dispose();

    // A fresh digest each time, so neither the disk cache nor V8's per-isolate compiled modules are hit.
    private byte[] Unique() => Kubewarden.Wasm.Binary.WasmCustomSection.Append(_module, "bench", Guid.NewGuid().ToByteArray());
}
