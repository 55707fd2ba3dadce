using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Benchmarks;

/// <summary>Loaders as the benchmarks use them: no host capabilities, no logging, the real clock.</summary>
internal static class BenchmarkLoaders
{
    /// <summary>A dispatcher with no capability handler.</summary>
    public static HostCapabilityDispatcher Dispatcher { get; } = new([], NullLogger<HostCapabilityDispatcher>.Instance);

    public static PolicyLoader Create(IWasmEngine engine, EvaluationOptions? options = null) =>
        new(engine, Dispatcher, options ?? new EvaluationOptions(), NullLoggerFactory.Instance, TimeProvider.System);
}
