namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>
/// A time-bound cache of host-capability answers, as Kubewarden caches its capabilities: a value is reused for the
/// time to live after its computation completed, a failure (an exception) is never stored, and callers asking for a
/// key that is being computed wait for that computation instead of starting another.
/// </summary>
/// <typeparam name="TKey">What identifies a call (e.g. the image reference).</typeparam>
/// <typeparam name="TValue">The cached answer.</typeparam>
public sealed class SuccessCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastSweep;

    /// <summary>Creates a cache keeping each successful answer for <paramref name="timeToLive"/>.</summary>
    /// <param name="timeToLive">How long an answer is reused after its computation completed.</param>
    /// <param name="time">The clock.</param>
    public SuccessCache(TimeSpan timeToLive, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _timeToLive = timeToLive;
        _time = time;
        _lastSweep = time.GetUtcNow();
    }

    /// <summary>
    /// The answer stored for <paramref name="key"/> while it is fresh, the one being computed for it, or the one
    /// <paramref name="compute"/> produces; a failure of <paramref name="compute"/> fails the callers waiting for it.
    /// </summary>
    /// <param name="key">What identifies the call.</param>
    /// <param name="compute">Computes the answer; it runs on the calling thread until its first await, outside the cache's lock.</param>
    public Task<TValue> GetOrComputeAsync(TKey key, Func<Task<TValue>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        Entry entry;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_entries.TryGetValue(key, out var existing) && existing.IsUsable(now, _timeToLive))
            {
                return existing.Answer.Task;
            }

            SweepExpired(now);
            entry = new Entry();
            _entries[key] = entry;
        }

        _ = ComputeAsync(key, entry, compute);
        return entry.Answer.Task;
    }

    // Completes the entry's answer and never throws: its failure reaches the callers through the answer.
    private async Task ComputeAsync(TKey key, Entry entry, Func<Task<TValue>> compute)
    {
        try
        {
            var value = await compute().ConfigureAwait(false);
            lock (_gate)
            {
                entry.StoredAt = _time.GetUtcNow();
            }

            entry.Answer.SetResult(value);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                }
            }

            entry.Answer.SetException(e);
        }
    }

    // At most once a time to live, so a miss costs O(1) amortized while keys no longer asked for still go away.
    private void SweepExpired(DateTimeOffset now)
    {
        if (now - _lastSweep < _timeToLive)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (key, entry) in _entries)
        {
            if (entry.StoredAt is { } stored && now - stored >= _timeToLive)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>One key's computation; <see cref="StoredAt"/> is read and written under the cache's lock.</summary>
    private sealed class Entry
    {
        public TaskCompletionSource<TValue> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When the computation completed successfully; null while it runs.</summary>
        public DateTimeOffset? StoredAt { get; set; }

        public bool IsUsable(DateTimeOffset now, TimeSpan timeToLive) => StoredAt is not { } stored || now - stored < timeToLive;
    }
}
