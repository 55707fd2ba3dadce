using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>The host side of one WASI-mode evaluation.</summary>
internal sealed class WasiInvocation(WasiContext wasi, IHostCallHandler hostCalls) : IWasiHost
{
    public WasiContext Wasi { get; } = wasi;

    public IHostCallHandler HostCalls { get; } = hostCalls;
}
