using System.Collections.Concurrent;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// A thread-safe cache holding at most a fixed number of entries: when full, an arbitrary entry makes room (as OPA's
/// regex cache does). Values that fail to be created are not cached.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    /// <summary>The cached value of <paramref name="key"/>, created by <paramref name="create"/> when missing.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var value = create(key);
        if (_entries.Count >= capacity)
        {
            foreach (var victim in _entries.Keys.Take(_entries.Count - capacity + 1))
            {
                _entries.TryRemove(victim, out _);
            }
        }

        return _entries.GetOrAdd(key, value);
    }
}
