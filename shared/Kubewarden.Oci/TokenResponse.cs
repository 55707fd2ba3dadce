using System.Text.Json.Serialization;

namespace Kubewarden.Oci;

/// <summary>The JSON a token realm answers with (docker token authentication specification).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);
