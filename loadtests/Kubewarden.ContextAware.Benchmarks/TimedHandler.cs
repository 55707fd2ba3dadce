using System.Diagnostics;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.ContextAware.Benchmarks;

/// <summary>Times a capability handler: the host part of a call up to the answer bytes, before the copy into the guest.</summary>
internal sealed class TimedHandler(IHostCapabilityHandler inner) : IHostCapabilityHandler
{
    /// <summary>Milliseconds the last call on this thread spent in a handler.</summary>
    [ThreadStatic]
    public static double Last;

    public string Namespace => inner.Namespace;

    public string Operation => inner.Operation;

    public int LastAnswerBytes { get; private set; }

    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        var started = Stopwatch.GetTimestamp();
        var result = inner.Handle(policy, payload);
        Last = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LastAnswerBytes = result.Payload.Length;
        return result;
    }
}
