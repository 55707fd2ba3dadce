using System.Text;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Conformance.Tests;

/// <summary>Answers every host call with an empty payload and records it, as wapc-rs's own tests do.</summary>
internal sealed class EmptyAnswerHostCalls : IHostCallHandler
{
    public List<RecordedHostCall> Calls { get; } = [];

    public HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload)
    {
        Calls.Add(new RecordedHostCall(binding, @namespace, operation, Encoding.UTF8.GetString(payload)));
        return HostCallResult.Success(ReadOnlyMemory<byte>.Empty);
    }
}
