using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>The answer to a successful verification; a failed one is a host error, never <c>is_trusted: false</c>.</summary>
/// <param name="IsTrusted">Always true.</param>
/// <param name="Digest">The verified manifest digest, <c>sha256:…</c>.</param>
internal sealed record VerificationResponse(
    [property: JsonPropertyName("is_trusted")] bool IsTrusted,
    [property: JsonPropertyName("digest")] string Digest);
