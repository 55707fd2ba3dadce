namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>Keeps a store's values in a dictionary, lost when the process ends.</summary>
internal sealed class InMemoryStateStorage : IStateStorage
{
    private readonly Dictionary<string, StoredState> _entries = new(StringComparer.Ordinal);

    public string? FindETag(string key) => _entries.TryGetValue(key, out var entry) ? entry.ETag : null;

    public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_entries.GetValueOrDefault(key));

    public Task CommitAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change.IsDelete)
            {
                _entries.Remove(change.Key);
            }
            else
            {
                _entries[change.Key] = new StoredState(change.Value!, change.ETag!);
            }
        }

        return Task.CompletedTask;
    }
}
