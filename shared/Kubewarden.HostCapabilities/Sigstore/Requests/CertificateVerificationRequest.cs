using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary><c>SigstoreCertificateVerify</c>: a signature made with the key of a given certificate.</summary>
internal sealed record CertificateVerificationRequest : SigstoreVerificationRequest
{
    /// <summary>The UTF-8 bytes of a PEM certificate (sent as an array of numbers).</summary>
    [JsonPropertyName("certificate")]
    public required IReadOnlyList<byte> Certificate { get; init; }

    /// <summary>PEM certificates the certificate must chain to, or null to trust it as it is.</summary>
    [JsonPropertyName("certificate_chain")]
    public IReadOnlyList<IReadOnlyList<byte>>? CertificateChain { get; init; }

    /// <summary>Whether the signature must come with a Rekor bundle.</summary>
    [JsonPropertyName("require_rekor_bundle")]
    public bool RequireRekorBundle { get; init; }
}
