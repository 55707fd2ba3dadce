using Kubewarden.Wasm;
using Kubewarden.Wasm.Engines;

namespace Kubewarden.Tests.Shared;

/// <summary>One instance of every engine, for the engine differential checks (linked into the test projects that run them).</summary>
public sealed class AllEnginesFixture : IDisposable
{
    public IReadOnlyList<IWasmEngine> All { get; } = WasmEngines.Names.Select(name => WasmEngines.Create(name, new WasmEngineOptions())).ToArray();

    public void Dispose()
    {
        foreach (var engine in All)
        {
            engine.Dispose();
        }
    }
}
