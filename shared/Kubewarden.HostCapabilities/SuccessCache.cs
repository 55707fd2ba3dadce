namespace Kubewarden.HostCapabilities;

/// <summary>
/// A time-bound cache of successful results: a value is reused for <c>ttl</c> after it was computed, a failure is never
/// stored, and callers asking for a key that is being computed wait for that computation instead of starting another.
/// </summary>
/// <typeparam name="T">The cached value.</typeparam>
internal sealed class SuccessCache<T>(TimeSpan ttl, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The value stored for <paramref name="key"/>, or the one <paramref name="compute"/> produces.</summary>
    public Task<T> GetOrComputeAsync(string key, Func<Task<T>> compute)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(key, out var existing) && existing.IsUsable(now, ttl))
            {
                return existing.Value;
            }

            RemoveExpired(now);
            var entry = new Entry();
            _entries[key] = entry;
            entry.Value = ComputeAsync(key, entry, compute);
            return entry.Value;
        }
    }

    private async Task<T> ComputeAsync(string key, Entry entry, Func<Task<T>> compute)
    {
        try
        {
            var value = await compute().ConfigureAwait(false);
            lock (_gate)
            {
                entry.StoredAt = time.GetUtcNow();
            }

            return value;
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                }
            }

            throw;
        }
    }

    // Runs on a miss only, which costs a registry round trip anyway, so entries of images no longer asked for go away.
    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.StoredAt is { } stored && now - stored >= ttl)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>One key's computation; its fields are read and written under the cache's lock.</summary>
    private sealed class Entry
    {
        public Task<T> Value { get; set; } = null!;

        /// <summary>When the value was computed; null while it is being computed.</summary>
        public DateTimeOffset? StoredAt { get; set; }

        public bool IsUsable(DateTimeOffset now, TimeSpan ttl) =>
            !Value.IsCompleted || (Value.IsCompletedSuccessfully && StoredAt is { } stored && now - stored < ttl);
    }
}
