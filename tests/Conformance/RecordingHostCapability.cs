using System.Text;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Conformance.Tests;

/// <summary>Records each call to <paramref name="inner"/> before it answers.</summary>
internal sealed class RecordingHostCapability(IHostCapabilityHandler inner, List<RecordedHostCall> calls) : IHostCapabilityHandler
{
    public string Namespace => inner.Namespace;

    public string Operation => inner.Operation;

    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        calls.Add(new RecordedHostCall(HostCapabilityDispatcher.Binding, Namespace, Operation, Encoding.UTF8.GetString(payload)));
        return inner.Handle(policy, payload);
    }
}
