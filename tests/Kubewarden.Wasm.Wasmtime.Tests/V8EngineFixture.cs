using Kubewarden.Wasm.V8;

namespace Kubewarden.Wasm.Wasmtime.Tests;

/// <summary>One V8 engine per test class.</summary>
public sealed class V8EngineFixture : IDisposable
{
    public IWasmEngine Engine { get; } = new V8Engine(new WasmEngineOptions());

    public void Dispose() => Engine.Dispose();
}
