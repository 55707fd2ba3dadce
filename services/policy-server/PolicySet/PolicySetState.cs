using Kubewarden.Evaluation.PolicySets;

namespace Kubewarden.PolicyServer.PolicySet;

/// <summary>
/// The policy set being served, swapped atomically on reload. A request reads <see cref="Current"/> once and finishes
/// on that set even if a reload swaps in another meanwhile.
/// </summary>
internal sealed class PolicySetState
{
    private volatile PolicyEnvironment? _current;
    private volatile string? _lastReloadError;

    /// <summary>The set in service; null until the initial load has finished.</summary>
    public PolicyEnvironment? Current => _current;

    /// <summary>Why the last reload was refused (the file did not parse), or null.</summary>
    public string? LastReloadError => _lastReloadError;

    /// <summary>Ready once the initial load has finished, whatever each policy's outcome.</summary>
    public bool IsReady => _current is not null;

    public void Publish(PolicyEnvironment environment)
    {
        _current = environment;
        _lastReloadError = null;
    }

    public void RefuseReload(string error) => _lastReloadError = error;
}
