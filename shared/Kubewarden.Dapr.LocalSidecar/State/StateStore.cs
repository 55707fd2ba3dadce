namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// One state store with Dapr's concurrency rules over a storage: ETags must match when given, first-write without an
/// ETag only inserts, last-write without one always writes. Operations run one at a time, so a check and the write it
/// guards cannot interleave with another caller's.
/// </summary>
internal sealed class StateStore(IStateStorage storage) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<StoredState?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var states = await GetManyAsync([key], cancellationToken).ConfigureAwait(false);
        return states[0];
    }

    /// <summary>The states of several keys as of one moment (null for absent keys), in the order asked.</summary>
    public async Task<IReadOnlyList<StoredState?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = new StoredState?[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                states[i] = await storage.ReadAsync(keys[i], cancellationToken).ConfigureAwait(false);
            }

            return states;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Checks every mutation against the state before any of them, then applies all; on the first failed check nothing
    /// is written (<see cref="ETagMismatchException"/>).
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<StateMutation> mutations, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var mutation in mutations)
            {
                ThrowIfConflicting(mutation);
            }

            await storage.CommitAsync(LastChangePerKey(mutations), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void ThrowIfConflicting(StateMutation mutation)
    {
        var current = storage.FindETag(mutation.Key);
        if (string.IsNullOrEmpty(mutation.ETag))
        {
            if (mutation.FirstWrite && current is not null)
            {
                throw ETagMismatchException.AlreadyExists();
            }

            return;
        }

        if (current is null)
        {
            throw ETagMismatchException.Absent(mutation.Key);
        }

        if (!string.Equals(current, mutation.ETag, StringComparison.Ordinal))
        {
            throw ETagMismatchException.Stale(mutation.Key, current, mutation.ETag);
        }
    }

    // Only each key's final state matters, and one change per key lets a disk commit be replayed after a crash.
    private static List<StateChange> LastChangePerKey(IReadOnlyList<StateMutation> mutations)
    {
        var changes = new List<StateChange>(mutations.Count);
        var indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mutation in mutations)
        {
            var change = new StateChange(mutation.Key, mutation.Value, mutation.Value is null ? null : NewETag());
            if (indexByKey.TryGetValue(mutation.Key, out var index))
            {
                changes[index] = change;
            }
            else
            {
                indexByKey[mutation.Key] = changes.Count;
                changes.Add(change);
            }
        }

        return changes;
    }

    // Random rather than a per-key counter, so an ETag from before a delete never matches the key recreated later.
    private static string NewETag() => Guid.NewGuid().ToString("N");
}
