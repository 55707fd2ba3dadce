using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Sigstore.Cosign;

/// <summary>The manifest of a cosign signature artifact (<c>sha256-&lt;hex&gt;.sig</c>): one layer per signature.</summary>
internal sealed record CosignManifest(
    [property: JsonPropertyName("layers")] IReadOnlyList<CosignLayerDescriptor>? Layers);

/// <summary>A signature layer's descriptor; the signature and its certificates are annotations.</summary>
internal sealed record CosignLayerDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations);
