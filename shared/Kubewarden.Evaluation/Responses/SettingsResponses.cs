using System.Text.Json;

namespace Kubewarden.Evaluation.Responses;

/// <summary>Turns what a policy answered to a settings validation into a <see cref="SettingsVerdict"/>.</summary>
internal static class SettingsResponses
{
    public static SettingsVerdict CallbackFailed(string error) => new(false, $"Error invoking settings validation callback: {error}");

    public static SettingsVerdict FromPolicyOutput(ReadOnlySpan<byte> output)
    {
        try
        {
            var response = JsonSerializer.Deserialize(output, ResponseJsonContext.Default.SettingsValidationResponse);
            return response is null ? new SettingsVerdict(false, "error: the policy answered `null`") : new SettingsVerdict(response.Valid, response.Message);
        }
        catch (JsonException e)
        {
            return new SettingsVerdict(false, $"error: {e.Message}");
        }
    }
}
