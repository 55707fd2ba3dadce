using Kubewarden.Wasm.Binary;
using Microsoft.ClearScript;
using Microsoft.ClearScript.V8;

namespace Kubewarden.Wasm.V8;

/// <summary>
/// <see cref="IWasmEngine"/> on V8 (Microsoft.ClearScript.V8). Isolates: one per processor, created once; each
/// instance is placed in one round-robin and its calls hold that isolate, so evaluations on different processors run
/// in parallel while an isolate's compiled modules are reused by every instance placed in it. Deadlines come from one
/// 10 ms ticker, as with Wasmtime; memory caps are written into the module's memory maximum, because V8's heap limits
/// do not cover Wasm memory. V8 offers no serialized-code cache for Wasm through ClearScript: compilation happens
/// once per isolate and module (Liftoff makes it fast).
/// </summary>
public sealed class V8Engine : IWasmEngine
{
    /// <summary>Version of the ClearScript V8 package this engine is built on.</summary>
    public const string ClearScriptVersion = "7.5.1.1";

    private static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(10);

    private readonly V8Isolate[] _isolates;
    private readonly Timer _ticker;
    private int _next;

    static V8Engine()
    {
        // Every ended instance leaves a Wasm memory (a multi-GiB address reservation) for V8's collector. Freed by V8's
        // background threads while the next instances reserve theirs, the two contend in the kernel's memory map and
        // evaluations stalled for 0.8-2.4 s; done on the isolate's own thread, the worst pause measured was 0.15 s and
        // throughput rose 1.7x (kw-load bench, issue 9). ClearScript reads this once, before the first V8 runtime exists.
        V8Settings.GlobalFlags |= V8GlobalFlags.DisableBackgroundWork;
    }

    /// <summary>Creates the isolates and starts the deadline ticker.</summary>
    public V8Engine(WasmEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _isolates = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => new V8Isolate()).ToArray();
        _ticker = new Timer(static state => ((V8Engine)state!).Tick(), this, TickPeriod, TickPeriod);
    }

    /// <inheritdoc />
    public string Name => "v8";

    /// <inheritdoc />
    public string Version => $"v8-clearscript-{ClearScriptVersion}";

    /// <inheritdoc />
    public IWasmModule Compile(ReadOnlyMemory<byte> wasm)
    {
        WasmModuleSignature signature;
        try
        {
            signature = WasmModuleSignatures.Read(wasm.Span);
            var isolate = _isolates[0];
            lock (isolate.Gate)
            {
                var module = new V8Module(this, wasm.Span, WasmArtifactCache.ComputeDigest(wasm.Span), signature);
                // Compiling in one isolate validates the module now rather than at the first instantiation.
                isolate.Module(module, -1);
                return module;
            }
        }
        catch (Exception e) when (e is WasmFormatException or ScriptEngineException)
        {
            throw new WasmCompileException($"not a valid WebAssembly module: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        using (var stopped = new ManualResetEvent(false))
        {
            if (_ticker.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }

        foreach (var isolate in _isolates)
        {
            isolate.Dispose();
        }
    }

    internal V8Isolate NextIsolate() => _isolates[(int)((uint)Interlocked.Increment(ref _next) % (uint)_isolates.Length)];

    internal void Forget(string digest)
    {
        foreach (var isolate in _isolates)
        {
            isolate.Forget(digest);
        }
    }

    private void Tick()
    {
        var now = TimeProvider.System.GetTimestamp();
        foreach (var isolate in _isolates)
        {
            isolate.Tick(now);
        }
    }
}
