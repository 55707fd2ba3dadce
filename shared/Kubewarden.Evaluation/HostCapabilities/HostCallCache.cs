using System.Collections.Concurrent;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>
/// A time-to-live cache of host-call answers, as Kubewarden caches its capabilities: only successes are kept, and
/// concurrent computations of the same key wait for one another instead of all reaching the remote service.
/// </summary>
/// <typeparam name="TKey">What identifies a call (e.g. the image reference).</typeparam>
public sealed class HostCallCache<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots = new();
    private readonly TimeSpan _timeToLive;
    private readonly TimeProvider _time;
    private readonly int _capacity;

    /// <summary>Creates a cache keeping successes for <paramref name="timeToLive"/>, at most <paramref name="capacity"/> keys.</summary>
    public HostCallCache(TimeSpan timeToLive, TimeProvider time, int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeToLive = timeToLive;
        _time = time;
        _capacity = capacity;
    }

    /// <summary>The cached answer for <paramref name="key"/> while it is fresh, otherwise <paramref name="compute"/>'s.</summary>
    public HostCallResult GetOrCompute(TKey key, Func<TKey, HostCallResult> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var slot = _slots.GetOrAdd(key, static _ => new Slot());
        if (slot.FreshAnswer(_time.GetUtcNow()) is { } cached)
        {
            return cached;
        }

        lock (slot)
        {
            if (slot.FreshAnswer(_time.GetUtcNow()) is { } raced)
            {
                return raced;
            }

            var result = compute(key);
            if (result.Succeeded)
            {
                slot.Store(result, _time.GetUtcNow() + _timeToLive);
                TrimIfFull();
            }

            return result;
        }
    }

    private void TrimIfFull()
    {
        if (_slots.Count <= _capacity)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (key, slot) in _slots)
        {
            if (slot.FreshAnswer(now) is null)
            {
                _slots.TryRemove(key, out _);
            }
        }
    }

    private sealed class Slot
    {
        private volatile Entry? _entry;

        public HostCallResult? FreshAnswer(DateTimeOffset now) => _entry is { } entry && entry.Expires > now ? entry.Result : null;

        public void Store(HostCallResult result, DateTimeOffset expires) => _entry = new Entry(result, expires);

        private sealed record Entry(HostCallResult Result, DateTimeOffset Expires);
    }
}
