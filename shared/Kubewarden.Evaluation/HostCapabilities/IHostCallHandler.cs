namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>Answers the host calls of one evaluation (waPC <c>__host_call</c>, WASI <c>host.call</c>).</summary>
public interface IHostCallHandler
{
    /// <summary>Handles one call. Failures are returned, never thrown.</summary>
    HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload);
}
