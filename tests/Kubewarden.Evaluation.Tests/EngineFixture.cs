using Kubewarden.Wasm;
using Kubewarden.Wasm.Wasmtime;

[assembly: AssemblyFixture(typeof(Kubewarden.Evaluation.Tests.EngineFixture))]

namespace Kubewarden.Evaluation.Tests;

/// <summary>One engine for the whole run, without an on-disk cache (the engine tests cover the cache).</summary>
public sealed class EngineFixture : IDisposable
{
    public IWasmEngine Engine { get; } = new WasmtimeEngine(new WasmEngineOptions());

    public void Dispose() => Engine.Dispose();
}
