using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Kubewarden.LoadTests.Load;

/// <summary>Counts errors by kind from many threads at once.</summary>
internal sealed class ErrorCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public void Increment(string kind) => Interlocked.Increment(ref _counts.GetOrAdd(kind, _ => new StrongBox<long>()).Value);

    public Dictionary<string, long> Snapshot() =>
        _counts.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);
}
