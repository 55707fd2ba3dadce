using Kubewarden.HostCapabilities.Sigstore.Requests;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary><c>oci/v2/verify</c>: requests tagged by a <c>type</c> field (public key, keyless, keyless prefix, GitHub Actions, certificate).</summary>
/// <param name="verification">Does the verification.</param>
public sealed class OciVerifyV2Handler(SigstoreVerificationService verification) : OciVerifyHandler(verification)
{
    /// <inheritdoc />
    public override string Operation => "v2/verify";

    private protected override SigstoreVerificationRequest Read(ReadOnlySpan<byte> payload) => VerificationRequestReader.ReadV2(payload);
}
