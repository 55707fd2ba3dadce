using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Responses;

/// <summary>What a policy answers to <c>validate_settings</c>.</summary>
internal sealed record SettingsValidationResponse
{
    [JsonRequired]
    public bool Valid { get; init; }

    public string? Message { get; init; }
}
