using Kubewarden.Wasm;
using Kubewarden.Wasm.Wasmtime;

[assembly: AssemblyFixture(typeof(Kubewarden.Conformance.Tests.EngineFixture))]

namespace Kubewarden.Conformance.Tests;

/// <summary>One engine for the whole run (its precompiled artifacts cached under the temp folder).</summary>
public sealed class EngineFixture : IDisposable
{
    public IWasmEngine Engine { get; } = new WasmtimeEngine(new WasmEngineOptions
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "kubewarden-conformance-cache"),
    });

    public void Dispose() => Engine.Dispose();
}
