using System.Collections.Frozen;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// One immutable policy set, as loaded from one version of <c>policies.yml</c>. A reload builds a new one and swaps
/// it in; requests that started on this one finish on it.
/// </summary>
public sealed class PolicyEnvironment
{
    private readonly FrozenDictionary<string, PolicyEntry> _entries;
    private int _leases;
    private int _retired;

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

    /// <summary>Every evaluator of every entry (what must stay loaded while this set serves).</summary>
    public IEnumerable<PolicyEvaluator> Evaluators => _entries.Values.SelectMany(e => e.Evaluators);

    /// <summary>True once the set was replaced and no request uses it any more: its modules may be freed.</summary>
    public bool IsDrained => Volatile.Read(ref _retired) == 1 && Volatile.Read(ref _leases) == 0;

    /// <summary>The entry with this id.</summary>
    public bool TryGet(string id, out PolicyEntry entry) => _entries.TryGetValue(id, out entry!);

    /// <summary>Marks one request as using the set (see <see cref="IsDrained"/>).</summary>
    public void Enter() => Interlocked.Increment(ref _leases);

    /// <summary>Ends what <see cref="Enter"/> began.</summary>
    public void Exit() => Interlocked.Decrement(ref _leases);

    /// <summary>Marks the set as replaced: it drains as its last requests exit.</summary>
    public void Retire() => Volatile.Write(ref _retired, 1);
}
