using System.Text.Json.Serialization;

namespace Kubewarden.Oci;

/// <summary>The fields of an image manifest (OCI or Docker schema 2) a policy pull reads.</summary>
internal sealed record OciManifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string? MediaType,
    [property: JsonPropertyName("config")] OciDescriptor? Config,
    [property: JsonPropertyName("layers")] IReadOnlyList<OciDescriptor>? Layers,
    [property: JsonPropertyName("manifests")] IReadOnlyList<OciDescriptor>? Manifests,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations);
