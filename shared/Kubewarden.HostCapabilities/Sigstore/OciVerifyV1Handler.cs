using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Sigstore.Requests;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>
/// <c>oci/v1/verify</c>: the legacy envelope, <c>{"SigstorePubKeyVerify": {...}}</c> or <c>{"SigstoreKeylessVerify": {...}}</c>;
/// answers <c>{"is_trusted": true, "digest": "sha256:…"}</c> or a host error.
/// </summary>
/// <param name="verification">Does the verification.</param>
public sealed class OciVerifyV1Handler(SigstoreVerificationService verification) : IHostCapabilityHandler
{
    /// <inheritdoc />
    public string Namespace => "oci";

    /// <inheritdoc />
    public string Operation => "v1/verify";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            return verification.Answer(policy, VerificationRequestReader.ReadV1(payload));
        }
        catch (JsonException e)
        {
            return HostCallResult.Failure(e.Message);
        }
    }
}
