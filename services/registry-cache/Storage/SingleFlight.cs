using System.Collections.Concurrent;

namespace Kubewarden.RegistryCache.Storage;

/// <summary>
/// Runs one operation per key at a time within this process: callers asking for a key already in flight share its
/// result (or its failure) instead of starting their own.
/// </summary>
internal sealed class SingleFlight<TKey, TResult>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TResult>>> _inFlight = new();

    public async Task<TResult> RunAsync(TKey key, Func<Task<TResult>> operation)
    {
        var flight = _inFlight.GetOrAdd(key, _ => new Lazy<Task<TResult>>(operation));
        try
        {
            return await flight.Value.ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<TKey, Lazy<Task<TResult>>>(key, flight));
        }
    }
}
