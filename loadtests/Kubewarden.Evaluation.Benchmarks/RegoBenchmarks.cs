using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kubewarden.Admission;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>
/// One full <c>validate</c> (request wrapping, fresh instance, result mapping) of the corpus Gatekeeper and OPA policies
/// next to the corpus TinyGo waPC policy, on the same Pod request, in the same run.
/// </summary>
[MemoryDiagnoser]
public class RegoBenchmarks
{
    private IWasmEngine _engine = null!;
    private PolicyLoader _loader = null!;
    private PolicyEvaluator _wapc = null!;
    private PolicyEvaluator _gatekeeper = null!;
    private PolicyEvaluator _opa = null!;
    private ValidationRequest _request = null!;

    /// <summary>The engine under test.</summary>
    [Params(WasmEngines.Wasmtime, WasmEngines.V8)]
    public string Engine { get; set; } = WasmEngines.Wasmtime;

    [GlobalSetup]
    public void Setup()
    {
        _engine = WasmEngines.Create(Engine, new WasmEngineOptions());
        _loader = BenchmarkLoaders.Create(_engine);
        using var settings = JsonDocument.Parse("""{"denied_labels":["foo"]}""");
        _wapc = _loader.Load(new PolicyDefinition("tinygo") { Settings = settings.RootElement.Clone() }, CorpusPolicy.Module);
        _gatekeeper = _loader.Load(new PolicyDefinition("gatekeeper"), CorpusPolicy.GatekeeperModule);
        _opa = _loader.Load(new PolicyDefinition("opa") { ExecutionMode = ExecutionMode.Opa }, CorpusPolicy.OpaModule);
        _request = ValidationRequest.ForAdmission(AdmissionRequest.FromReviewOrRequest(CorpusPolicy.PodReview));
        Check(WapcTinyGo(), expectAllowed: true);
        Check(GatekeeperAlwaysUnhappy(), expectAllowed: false);
        Check(OpaNoDefaultNamespace(), expectAllowed: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _loader.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true)]
    public PolicyVerdict WapcTinyGo() => _wapc.Validate(_request);

    [Benchmark]
    public PolicyVerdict GatekeeperAlwaysUnhappy() => _gatekeeper.Validate(_request);

    [Benchmark]
    public PolicyVerdict OpaNoDefaultNamespace() => _opa.Validate(_request);

    private static void Check(PolicyVerdict verdict, bool expectAllowed)
    {
        if (verdict.Failure != EvaluationFailure.None || verdict.Response.Allowed != expectAllowed)
        {
            throw new InvalidOperationException($"unexpected verdict: allowed={verdict.Response.Allowed} {verdict.Failure} {verdict.Response.Status?.Message}");
        }
    }
}
