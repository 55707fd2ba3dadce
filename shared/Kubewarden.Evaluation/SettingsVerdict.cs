namespace Kubewarden.Evaluation;

/// <summary>The answer of a settings validation.</summary>
/// <param name="Valid">Whether the settings are accepted.</param>
/// <param name="Message">Why not, when the policy says.</param>
public sealed record SettingsVerdict(bool Valid, string? Message);
