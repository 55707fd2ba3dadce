using System.Text.Json.Serialization;

namespace Kubewarden.Oci;

/// <summary>A content descriptor: media type, digest and size of a blob.</summary>
internal sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size);
