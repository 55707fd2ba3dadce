using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Requests;

/// <summary>What every verification request names: the image and the annotations its signatures must carry.</summary>
internal abstract record SigstoreVerificationRequest
{
    /// <summary>The image reference, e.g. <c>ghcr.io/kubewarden/policies/pod-privileged:v0.2.0</c>.</summary>
    [JsonPropertyName("image")]
    public required string Image { get; init; }

    /// <summary>Key/values every accepted signature must have in its payload's <c>optional</c> section, or null.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
