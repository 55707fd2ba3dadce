using System.Text;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>One recorded exchange: the request and kwctl's answer (a payload, or an error message).</summary>
/// <param name="Index">Position in the session file, from 0.</param>
/// <param name="Request">The recorded request.</param>
/// <param name="Payload">The <c>Success</c> payload, or null for an <c>Error</c>.</param>
/// <param name="Error">The <c>Error</c> message, or null for a <c>Success</c>.</param>
internal sealed record RecordedExchange(int Index, CapabilityRequest Request, string? Payload, string? Error)
{
    /// <summary>
    /// The answer the guest gets: the payload bytes, or the message as Kubewarden reports a failed capability
    /// (<c>Callback evaluation failure: &lt;message&gt;</c>).
    /// </summary>
    public HostCallResult Answer() => Error is null
        ? HostCallResult.Success(Encoding.UTF8.GetBytes(Payload!))
        : HostCallResult.CallbackFailure(Error);
}
