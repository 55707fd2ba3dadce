using BenchmarkDotNet.Attributes;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Wapc;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>
/// Per engine: creating (and disposing) one fresh instance of the snapshotted TinyGo policy, and one evaluation of the
/// Javy (QuickJS) WASI policy, where each evaluation runs <c>_start</c> in a fresh instance.
/// </summary>
[MemoryDiagnoser]
public class InstanceBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private IWasmEngine _engine = null!;
    private PolicyLoader _loader = null!;
    private WapcGuest _tinyGo = null!;
    private PolicyEvaluator _javy = null!;
    private ValidationRequest _javyRequest = null!;
    private IHostCallHandler _hostCalls = null!;

    /// <summary>The engine under test.</summary>
    [Params(WasmEngines.Wasmtime, WasmEngines.V8)]
    public string Engine { get; set; } = WasmEngines.Wasmtime;

    [GlobalSetup]
    public void Setup()
    {
        _engine = WasmEngines.Create(Engine, new WasmEngineOptions());
        _loader = BenchmarkLoaders.Create(_engine, new EvaluationOptions { PreparedInstancesPerModule = 0 });
        _tinyGo = _loader.LoadWapcGuest(CorpusPolicy.Module, "tinygo");
        _hostCalls = BenchmarkLoaders.Dispatcher.ForPolicy(new PolicyContext("bench", HostCapabilityAllowList.DenyAll, []));
        _javy = _loader.Load(new PolicyDefinition("javy"), CorpusPolicy.JavyModule);
        _javyRequest = ValidationRequest.ForAdmission(Admission.AdmissionRequest.FromReviewOrRequest(CorpusPolicy.JavyRequest));
        if (!_javy.Validate(_javyRequest).Response.Allowed)
        {
            throw new InvalidOperationException("the Javy policy was expected to accept the unprivileged pod");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tinyGo.Dispose();
        _loader.Dispose();
        _engine.Dispose();
    }

    [Benchmark]
    public void CreateTinyGoInstance() => _tinyGo.Start(_hostCalls, Timeout, "tinygo").Instance!.Dispose();

    [Benchmark]
    public PolicyVerdict EvaluateJavyWasiPolicy() => _javy.Validate(_javyRequest);
}
