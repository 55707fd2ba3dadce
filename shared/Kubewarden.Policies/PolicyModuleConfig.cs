using System.Text.Json;

namespace Kubewarden.Policies;

/// <summary>
/// What an individual policy and a group member share: the module and how it runs (settings, grants, timeout).
/// Value equality covers the contents of <see cref="Settings"/> (canonical JSON) and of the lists.
/// </summary>
/// <param name="Module">The module URL as written (<c>registry://…</c>, <c>https://…</c>, <c>file://…</c> or schemeless; see <see cref="ModuleSource"/>).</param>
/// <param name="Settings"><c>settings</c> as a JSON object, or <see langword="null"/> when absent or <c>null</c> (the policy then receives <c>{}</c>).</param>
/// <param name="ContextAwareResources"><c>contextAwareResources</c>; default empty.</param>
/// <param name="TimeoutEvalSeconds"><c>timeoutEvalSeconds</c>, or <see langword="null"/> to use the global timeout.</param>
/// <param name="HostCapabilities"><c>hostCapabilities</c> patterns as written; default empty (deny all).</param>
public sealed record PolicyModuleConfig(
    string Module,
    JsonElement? Settings,
    IReadOnlyList<ContextAwareResourceConfig> ContextAwareResources,
    ulong? TimeoutEvalSeconds,
    IReadOnlyList<string> HostCapabilities)
{
    private readonly CanonicalJson? _settings = CanonicalJson.From(Settings);
    private readonly EquatableList<ContextAwareResourceConfig> _contextAwareResources = EquatableList<ContextAwareResourceConfig>.From(ContextAwareResources);
    private readonly EquatableList<string> _hostCapabilities = EquatableList<string>.From(HostCapabilities);

    /// <summary>
    /// <c>settings</c> as a self-contained JSON value with object keys sorted (as the reference serializes them), or
    /// <see langword="null"/> when absent or <c>null</c>.
    /// </summary>
    public JsonElement? Settings
    {
        get => _settings?.Element;
        init => _settings = CanonicalJson.From(value);
    }

    /// <summary>The canonical JSON text of <see cref="Settings"/>, or <see langword="null"/>.</summary>
    public string? SettingsJson => _settings?.Text;

    /// <summary><c>contextAwareResources</c>, de-duplicated and sorted by (apiVersion, kind) like the reference's <c>BTreeSet</c> when loaded from a file.</summary>
    public IReadOnlyList<ContextAwareResourceConfig> ContextAwareResources
    {
        get => _contextAwareResources;
        init => _contextAwareResources = EquatableList<ContextAwareResourceConfig>.From(value);
    }

    /// <summary><c>hostCapabilities</c> patterns, in file order (not validated here).</summary>
    public IReadOnlyList<string> HostCapabilities
    {
        get => _hostCapabilities;
        init => _hostCapabilities = EquatableList<string>.From(value);
    }

    /// <summary><see cref="TimeoutEvalSeconds"/> as a <see cref="TimeSpan"/> (saturating), or <see langword="null"/>.</summary>
    public TimeSpan? Timeout => TimeoutSeconds.ToTimeSpan(TimeoutEvalSeconds);
}
