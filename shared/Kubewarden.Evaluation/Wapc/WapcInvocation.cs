using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Wasi;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>The host side of one waPC call: the pending request, the guest's answer, the last host-call answer.</summary>
internal sealed class WapcInvocation(IHostCallHandler hostCalls, WasiContext wasi, Action<string> consoleLog) : IWasiHost
{
    public WasiContext Wasi { get; } = wasi;

    public IHostCallHandler HostCalls { get; private set; } = hostCalls;

    public Action<string> ConsoleLog { get; private set; } = consoleLog;

    /// <summary>Binds an instance prepared in advance to the evaluation that takes it.</summary>
    public void Bind(IHostCallHandler hostCalls, Action<string> consoleLog)
    {
        HostCalls = hostCalls;
        ConsoleLog = consoleLog;
    }

    public byte[] Operation { get; private set; } = [];

    public ReadOnlyMemory<byte> Payload { get; private set; }

    public byte[]? GuestResponse { get; set; }

    public string? GuestError { get; set; }

    public ReadOnlyMemory<byte>? HostResponse { get; set; }

    public ReadOnlyMemory<byte>? HostError { get; set; }

    public void Begin(byte[] operation, ReadOnlyMemory<byte> payload)
    {
        Operation = operation;
        Payload = payload;
        GuestResponse = null;
        GuestError = null;
        HostResponse = null;
        HostError = null;
    }
}
