using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Metadata;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(PolicyMetadata))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;
