using System.Text.Json.Serialization;

namespace Kubewarden.Admission.Internal;

/// <summary>Source-generated metadata for parsing admission responses (camelCase, strict JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    MaxDepth = 128)]
[JsonSerializable(typeof(ResponseDto))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext
{
}
