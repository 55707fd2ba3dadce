using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;

[assembly: AssemblyFixture(typeof(Kubewarden.Conformance.Tests.EngineFixture))]

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// One engine for the whole run (its precompiled artifacts cached under the temp folder); the test command runs the
/// suite once per engine, naming it in <c>KUBEWARDEN_TEST_ENGINE</c>.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public IWasmEngine Engine { get; } = WasmEngines.FromEnvironment("KUBEWARDEN_TEST_ENGINE", new WasmEngineOptions
    {
        CacheDirectory = Path.Combine(Path.GetTempPath(), "kubewarden-conformance-cache"),
    });

    public void Dispose() => Engine.Dispose();
}
