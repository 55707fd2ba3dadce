using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Wapc;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>
/// One <c>validate</c> of the corpus TinyGo policy four ways: a fresh instance of the post-init snapshot prepared in
/// the background (the product path), the same instance created on the request path, a fresh instance running
/// <c>_start</c> per request (Kubewarden's path), and one reused instance (the baseline: no fresh-instance cost, but
/// state would leak between requests).
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly byte[] Operation = Encoding.UTF8.GetBytes("validate");

    private IWasmEngine _engine = null!;
    private PolicyLoader _snapshotLoader = null!;
    private PolicyLoader _initLoader = null!;
    private PolicyLoader _inlineLoader = null!;
    private WapcGuest _snapshotGuest = null!;
    private WapcGuest _inlineGuest = null!;
    private WapcGuest _initGuest = null!;
    private WapcSession _reused;
    private IHostCallHandler _hostCalls = null!;
    private byte[] _payload = null!;

    /// <summary>The engine under test.</summary>
    [Params(WasmEngines.Wasmtime, WasmEngines.V8)]
    public string Engine { get; set; } = WasmEngines.Wasmtime;

    [GlobalSetup]
    public void Setup()
    {
        _engine = WasmEngines.Create(Engine, new WasmEngineOptions());
        _snapshotLoader = BenchmarkLoaders.Create(_engine);
        _initLoader = BenchmarkLoaders.Create(_engine, new EvaluationOptions { SnapshotInitializedModules = false });
        _inlineLoader = BenchmarkLoaders.Create(_engine, new EvaluationOptions { PreparedInstancesPerModule = 0 });
        var module = CorpusPolicy.Module;
        _snapshotGuest = _snapshotLoader.LoadWapcGuest(module, "snapshot");
        _initGuest = _initLoader.LoadWapcGuest(module, "start-per-request");
        _inlineGuest = _inlineLoader.LoadWapcGuest(module, "snapshot-inline");
        if (!_snapshotGuest.StartsFromSnapshot)
        {
            throw new InvalidOperationException("the corpus policy was expected to be snapshotted");
        }

        _hostCalls = BenchmarkLoaders.Dispatcher.ForPolicy(new PolicyContext("bench", HostCapabilityAllowList.DenyAll, []));
        using var request = JsonDocument.Parse(CorpusPolicy.IngressRequest);
        _payload = ValidationRequest.ForRaw(request.RootElement).ToPayload("{\"denied_labels\":[\"foo\"]}"u8);
        _reused = _initGuest.Start(_hostCalls, Timeout, "reused");
        Check(_snapshotGuest.Call("validate", _payload, _hostCalls, Timeout, "snapshot"));
        Check(_initGuest.Call("validate", _payload, _hostCalls, Timeout, "start-per-request"));
        Check(_inlineGuest.Call("validate", _payload, _hostCalls, Timeout, "snapshot-inline"));
        Check(ReusedInstance());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reused.Instance?.Dispose();
        _snapshotLoader.Dispose();
        _initLoader.Dispose();
        _inlineLoader.Dispose();
        _snapshotGuest.Dispose();
        _inlineGuest.Dispose();
        _initGuest.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true)]
    public WapcCallResult ReusedInstance() => _initGuest.Invoke(_reused.Instance!, _reused.State, Operation, _payload, Timeout, "reused");

    [Benchmark]
    public WapcCallResult FreshInstanceFromSnapshot() => _snapshotGuest.Call("validate", _payload, _hostCalls, Timeout, "snapshot");

    [Benchmark]
    public WapcCallResult FreshInstanceFromSnapshotCreatedInline() => _inlineGuest.Call("validate", _payload, _hostCalls, Timeout, "snapshot-inline");

    [Benchmark]
    public WapcCallResult FreshInstanceWithStartPerRequest() => _initGuest.Call("validate", _payload, _hostCalls, Timeout, "start-per-request");

    private static void Check(WapcCallResult result)
    {
        if (!result.Succeeded || !Encoding.UTF8.GetString(result.Response.Span).Contains("\"accepted\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the policy did not accept the fixture: {result.Error}{Encoding.UTF8.GetString(result.Response.Span)}");
        }
    }
}
