using System.Text.Json;

namespace Kubewarden.Policies;

/// <summary>
/// One member of a policy group (<c>policies.&lt;name&gt;</c>). Members never mutate and always run
/// as <c>protect</c>; they have no <c>policyMode</c>, <c>allowedToMutate</c> or <c>message</c>.
/// </summary>
/// <param name="Name">The member name; the group expression calls it as <c>name()</c>.</param>
/// <param name="Module">The module URL as written.</param>
/// <param name="Settings"><c>settings</c> as a JSON object, or <see langword="null"/> when absent or <c>null</c>.</param>
/// <param name="ContextAwareResources"><c>contextAwareResources</c>; default empty.</param>
/// <param name="TimeoutEvalSeconds"><c>timeoutEvalSeconds</c>, or <see langword="null"/>.</param>
/// <param name="HostCapabilities"><c>hostCapabilities</c> patterns as written; default empty.</param>
public sealed record PolicyGroupMemberConfig(
    string Name,
    string Module,
    JsonElement? Settings,
    IReadOnlyList<ContextAwareResourceConfig> ContextAwareResources,
    ulong? TimeoutEvalSeconds,
    IReadOnlyList<string> HostCapabilities)
{
    private readonly CanonicalJson? _settings = CanonicalJson.From(Settings);
    private readonly EquatableList<ContextAwareResourceConfig> _contextAwareResources = EquatableList<ContextAwareResourceConfig>.From(ContextAwareResources);
    private readonly EquatableList<string> _hostCapabilities = EquatableList<string>.From(HostCapabilities);

    /// <summary><c>settings</c> as a self-contained JSON value with sorted keys, or <see langword="null"/>.</summary>
    public JsonElement? Settings
    {
        get => _settings?.Element;
        init => _settings = CanonicalJson.From(value);
    }

    /// <summary>The canonical JSON text of <see cref="Settings"/>, or <see langword="null"/>.</summary>
    public string? SettingsJson => _settings?.Text;

    /// <summary><c>contextAwareResources</c>, de-duplicated and sorted when loaded from a file.</summary>
    public IReadOnlyList<ContextAwareResourceConfig> ContextAwareResources
    {
        get => _contextAwareResources;
        init => _contextAwareResources = EquatableList<ContextAwareResourceConfig>.From(value);
    }

    /// <summary><c>hostCapabilities</c> patterns, in file order.</summary>
    public IReadOnlyList<string> HostCapabilities
    {
        get => _hostCapabilities;
        init => _hostCapabilities = EquatableList<string>.From(value);
    }

    /// <summary><see cref="TimeoutEvalSeconds"/> as a <see cref="TimeSpan"/> (saturating), or <see langword="null"/>.</summary>
    public TimeSpan? Timeout => TimeoutSeconds.ToTimeSpan(TimeoutEvalSeconds);
}
