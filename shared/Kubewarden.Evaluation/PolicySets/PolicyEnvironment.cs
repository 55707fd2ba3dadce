using System.Collections.Frozen;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// One immutable policy set, as loaded from one version of <c>policies.yml</c>. A reload builds a new one and swaps
/// it in; requests that started on this one finish on it.
/// </summary>
public sealed class PolicyEnvironment
{
    private readonly FrozenDictionary<string, PolicyEntry> _entries;

    /// <summary>Creates a set.</summary>
    public PolicyEnvironment(string configVersion, IEnumerable<PolicyEntry> entries)
    {
        ConfigVersion = configVersion;
        _entries = entries.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the policies file this set was built from.</summary>
    public string ConfigVersion { get; }

    /// <summary>Every entry.</summary>
    public IEnumerable<PolicyEntry> Entries => _entries.Values;

    /// <summary>The entry with this id.</summary>
    public bool TryGet(string id, out PolicyEntry entry) => _entries.TryGetValue(id, out entry!);
}
