using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Cosign;

/// <summary>
/// The signed document of a cosign signature ("simple signing"): which manifest digest is signed, plus the
/// <c>optional</c> key/values given at signing time (<c>cosign sign -a key=value</c>).
/// </summary>
internal sealed record SimpleSigningPayload(
    [property: JsonPropertyName("critical")] SimpleSigningCritical Critical,
    [property: JsonPropertyName("optional")] IReadOnlyDictionary<string, JsonElement>? Optional)
{
    /// <summary>Whether every annotation is in <see cref="Optional"/> with the same string value.</summary>
    public bool HasAnnotations(IReadOnlyDictionary<string, string>? annotations) =>
        annotations is null || annotations.All(annotation =>
            Optional is not null
            && Optional.TryGetValue(annotation.Key, out var value)
            && value.ValueKind == JsonValueKind.String
            && value.GetString() == annotation.Value);
}

/// <summary>The <c>critical</c> section: the signed image.</summary>
internal sealed record SimpleSigningCritical(
    [property: JsonPropertyName("image")] SimpleSigningImage Image,
    [property: JsonPropertyName("type")] string Type);

/// <summary>The signed manifest digest.</summary>
internal sealed record SimpleSigningImage(
    [property: JsonPropertyName("docker-manifest-digest")] string DockerManifestDigest);
