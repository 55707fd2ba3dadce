using System.Collections.Concurrent;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>
/// Verified digests, kept 60 s after they were verified (Kubewarden's cache). Failures are not kept, and a caller asking
/// for a key whose verification is running waits for it rather than verifying again.
/// </summary>
internal sealed class VerificationResultCache(TimeProvider time)
{
    /// <summary>How long a verified digest is reused.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The digest verified under <paramref name="key"/> less than 60 s ago, or the one <paramref name="verify"/> returns.</summary>
    public async Task<string> GetOrVerifyAsync(string key, Func<Task<string>> verify)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.HasExpired(now))
                {
                    _entries.TryRemove(KeyValuePair.Create(key, entry));
                    continue;
                }
            }
            else
            {
                RemoveExpired(now);
                entry = _entries.GetOrAdd(key, static (_, verify) => new Entry(verify), verify);
            }

            try
            {
                var digest = await entry.Digest.Value.ConfigureAwait(false);
                entry.MarkVerified(time.GetUtcNow());
                return digest;
            }
            catch
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }

    // Runs on misses only, which cost a registry round trip anyway, so images no longer asked about are dropped.
    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.HasExpired(now))
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed class Entry(Func<Task<string>> verify)
    {
        private long _verifiedAtTicks = long.MinValue;

        public Lazy<Task<string>> Digest { get; } = new(verify);

        /// <summary>Records the first completion time; later readers of the same entry keep it.</summary>
        public void MarkVerified(DateTimeOffset now) => Interlocked.CompareExchange(ref _verifiedAtTicks, now.UtcTicks, long.MinValue);

        public bool HasExpired(DateTimeOffset now)
        {
            var verifiedAt = Interlocked.Read(ref _verifiedAtTicks);
            return verifiedAt != long.MinValue && now.UtcTicks - verifiedAt >= TimeToLive.Ticks;
        }
    }
}
