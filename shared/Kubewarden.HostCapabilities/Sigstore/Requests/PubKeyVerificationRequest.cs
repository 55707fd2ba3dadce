using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary><c>SigstorePubKeyVerify</c>: every key must have signed the image.</summary>
internal sealed record PubKeyVerificationRequest : SigstoreVerificationRequest
{
    /// <summary>PEM public keys (<c>cosign.pub</c>).</summary>
    [JsonPropertyName("pub_keys")]
    public required IReadOnlyList<string> PubKeys { get; init; }
}
