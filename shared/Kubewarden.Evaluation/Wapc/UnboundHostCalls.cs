using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>The host-call handler of a prepared instance before an evaluation binds it (never reached: nothing runs).</summary>
internal sealed class UnboundHostCalls : IHostCallHandler
{
    public static readonly UnboundHostCalls Instance = new();

    public HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload) =>
        HostCallResult.Failure("the instance is not bound to an evaluation");
}
