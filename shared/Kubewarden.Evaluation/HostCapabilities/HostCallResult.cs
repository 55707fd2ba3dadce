using System.Text;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>The answer to a host call: a payload for the guest, or an error text it reads as the host error.</summary>
public readonly record struct HostCallResult(bool Succeeded, ReadOnlyMemory<byte> Payload)
{
    /// <summary>A successful answer.</summary>
    public static HostCallResult Success(ReadOnlyMemory<byte> payload) => new(true, payload);

    /// <summary>A failed answer carrying <paramref name="error"/>.</summary>
    public static HostCallResult Failure(string error) => new(false, Encoding.UTF8.GetBytes(error));

    /// <summary>
    /// A capability that ran and failed, in Kubewarden's wording for asynchronous capabilities (spec §2.1):
    /// <c>Callback evaluation failure: &lt;error&gt;</c>.
    /// </summary>
    public static HostCallResult CallbackFailure(string error) => Failure($"Callback evaluation failure: {error}");

    /// <summary>The error text of a failed answer.</summary>
    public string Error => Succeeded ? string.Empty : Encoding.UTF8.GetString(Payload.Span);
}
