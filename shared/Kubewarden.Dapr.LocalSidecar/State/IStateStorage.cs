namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// Where a state store keeps its values. Implementations need not be thread-safe: <see cref="StateStore"/> calls them
/// one at a time.
/// </summary>
internal interface IStateStorage
{
    /// <summary>The current ETag of a key, or null when the key is absent.</summary>
    string? FindETag(string key);

    /// <summary>The value and ETag of a key, or null when the key is absent.</summary>
    Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Applies all changes or none; each key appears at most once.</summary>
    Task CommitAsync(IReadOnlyList<StateChange> changes, CancellationToken cancellationToken);
}
