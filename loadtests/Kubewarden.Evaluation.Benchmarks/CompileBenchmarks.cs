using BenchmarkDotNet.Attributes;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Wasmtime;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>Compiling the corpus TinyGo policy: with Cranelift (cold), and from the on-disk artifact cache.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private IWasmEngine _coldEngine = null!;
    private IWasmEngine _cachedEngine = null!;
    private string _cacheDirectory = null!;
    private byte[] _module = null!;

    [GlobalSetup]
    public void Setup()
    {
        _module = CorpusPolicy.Module;
        _cacheDirectory = Directory.CreateTempSubdirectory("kubewarden-bench-cache").FullName;
        _coldEngine = new WasmtimeEngine(new WasmEngineOptions());
        _cachedEngine = new WasmtimeEngine(new WasmEngineOptions { CacheDirectory = _cacheDirectory });
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
    public void Cold() => _coldEngine.Compile(_module).Dispose();

    [Benchmark]
    public void FromCache() => _cachedEngine.Compile(_module).Dispose();
}
