using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;

[assembly: AssemblyFixture(typeof(Kubewarden.Evaluation.Tests.EngineFixture))]

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// One engine for the whole run, without an on-disk cache (the engine tests cover the cache). The test command runs
/// the suite once per engine, naming it in <c>KUBEWARDEN_TEST_ENGINE</c>.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public IWasmEngine Engine { get; } = WasmEngines.FromEnvironment("KUBEWARDEN_TEST_ENGINE", new WasmEngineOptions());

    public void Dispose() => Engine.Dispose();
}
