using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary><c>SigstoreKeylessPrefixVerify</c>: keyless signatures whose subject is a URL under a prefix.</summary>
internal sealed record KeylessPrefixVerificationRequest : SigstoreVerificationRequest
{
    /// <summary>The (issuer, URL prefix) pairs; each must be matched.</summary>
    [JsonPropertyName("keyless_prefix")]
    public required IReadOnlyList<KeylessPrefixIdentity> KeylessPrefix { get; init; }
}

/// <summary>An OIDC issuer and the URL prefix of a keyless signature's subject.</summary>
internal sealed record KeylessPrefixIdentity(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("url_prefix")] string UrlPrefix);
