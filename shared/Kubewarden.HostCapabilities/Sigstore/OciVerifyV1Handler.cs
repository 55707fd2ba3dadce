using Kubewarden.HostCapabilities.Sigstore.Requests;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary><c>oci/v1/verify</c>: the legacy envelope, <c>{"SigstorePubKeyVerify": {...}}</c> or <c>{"SigstoreKeylessVerify": {...}}</c>.</summary>
/// <param name="verification">Does the verification.</param>
public sealed class OciVerifyV1Handler(SigstoreVerificationService verification) : OciVerifyHandler(verification)
{
    /// <inheritdoc />
    public override string Operation => "v1/verify";

    private protected override SigstoreVerificationRequest Read(ReadOnlySpan<byte> payload) => VerificationRequestReader.ReadV1(payload);
}
