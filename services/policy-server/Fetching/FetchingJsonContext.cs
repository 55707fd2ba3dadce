using System.Text.Json.Serialization;

namespace Kubewarden.PolicyServer.Fetching;

/// <summary>Serialization of the module store's index records.</summary>
[JsonSerializable(typeof(IndexRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class FetchingJsonContext : JsonSerializerContext;
