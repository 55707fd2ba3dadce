using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary><c>SigstoreKeylessVerify</c>: signatures by Fulcio certificates of the given issuers and subjects.</summary>
internal sealed record KeylessVerificationRequest : SigstoreVerificationRequest
{
    /// <summary>The (issuer, subject) pairs; each must be matched.</summary>
    [JsonPropertyName("keyless")]
    public required IReadOnlyList<KeylessIdentity> Keyless { get; init; }
}

/// <summary>An OIDC issuer and the exact subject of a keyless signature.</summary>
internal sealed record KeylessIdentity(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("subject")] string Subject);
