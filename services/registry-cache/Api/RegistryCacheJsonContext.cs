using System.Text.Json.Serialization;

namespace Kubewarden.RegistryCache.Api;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorList))]
internal sealed partial class RegistryCacheJsonContext : JsonSerializerContext;
