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

    /// <summary>
    /// The set in service, entered for one request (null before the initial load). A request that read a set a reload
    /// has just retired retries on the new one, so a retired set only ever loses users.
    /// </summary>
    public PolicyEnvironment? Enter()
    {
        while (_current is { } environment)
        {
            environment.Enter();
            if (ReferenceEquals(environment, _current))
            {
                return environment;
            }

            environment.Exit();
        }

        return null;
    }

    /// <summary>Swaps in a new set; the previous one is retired and returned.</summary>
    public PolicyEnvironment? Publish(PolicyEnvironment environment)
    {
        // One writer (the loader), many readers: a plain volatile swap is enough.
        var previous = _current;
        _current = environment;
        _lastReloadError = null;
        previous?.Retire();
        return previous;
    }

    public void RefuseReload(string error) => _lastReloadError = error;
}
