using System.Collections.Concurrent;

namespace Kubewarden.RegistryCache.Caching;

/// <summary>
/// Recent tag → digest answers, per replica, for a short time: a tag can move upstream, so it is asked again once
/// the entry is older than the TTL.
/// </summary>
internal sealed class TagCache(TimeSpan timeToLive, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string Digest, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string host, string repository, string tag, out string digest)
    {
        if (_entries.TryGetValue(Key(host, repository, tag), out var entry) && entry.Expires > time.GetUtcNow())
        {
            digest = entry.Digest;
            return true;
        }

        digest = string.Empty;
        return false;
    }

    public void Set(string host, string repository, string tag, string digest) =>
        _entries[Key(host, repository, tag)] = (digest, time.GetUtcNow() + timeToLive);

    private static string Key(string host, string repository, string tag) => $"{host}/{repository}:{tag}";
}
