using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Responses;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ValidationResponse))]
[JsonSerializable(typeof(SettingsValidationResponse))]
internal sealed partial class ResponseJsonContext : JsonSerializerContext;
