using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Sigstore.Requests;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>
/// What <c>oci/v1/verify</c> and <c>oci/v2/verify</c> share: the envelope is read by the version's reader, and the
/// request answered <c>{"is_trusted": true, "digest": "sha256:…"}</c> or a host error.
/// </summary>
public abstract class OciVerifyHandler : IHostCapabilityHandler
{
    private readonly SigstoreVerificationService _verification;

    /// <summary>Creates the handler.</summary>
    /// <param name="verification">Does the verification.</param>
    private protected OciVerifyHandler(SigstoreVerificationService verification) => _verification = verification;

    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public abstract string Operation { get; }

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            return _verification.Answer(policy, Read(payload));
        }
        catch (JsonException e)
        {
            return HostCallResult.Failure(e.Message);
        }
    }

    /// <summary>The request in the version's envelope; throws <see cref="JsonException"/> when it is not one.</summary>
    private protected abstract SigstoreVerificationRequest Read(ReadOnlySpan<byte> payload);
}
