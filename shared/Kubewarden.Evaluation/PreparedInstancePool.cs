using System.Collections.Concurrent;

using Kubewarden.Wasm;

namespace Kubewarden.Evaluation;

/// <summary>
/// Fresh instances created ahead of time on a pool thread, so that an evaluation only pays for its calls. Each instance
/// is handed out once, with its host state, and disposed after that evaluation: creating it earlier changes when the
/// work is done, not what the guest sees (no guest code runs in it before it is taken).
/// </summary>
/// <typeparam name="TState">The host state the instance was created with.</typeparam>
internal sealed class PreparedInstancePool<TState> : IDisposable
{
    private readonly Func<(IWasmInstance Instance, TState State)?> _create;
    private readonly int _target;
    private readonly ConcurrentQueue<(IWasmInstance Instance, TState State)> _ready = new();
    private readonly Lock _lock = new();
    private int _refillQueued;
    private bool _disposed;

    /// <param name="create">Creates one instance; null when instantiation fails (the evaluation path then reports it).</param>
    /// <param name="target">How many instances to keep ready.</param>
    public PreparedInstancePool(Func<(IWasmInstance Instance, TState State)?> create, int target)
    {
        _create = create;
        _target = target;
        RequestRefill();
    }

    /// <summary>Takes a ready instance, if one is; a refill is requested either way.</summary>
    public bool TryTake(out (IWasmInstance Instance, TState State) prepared)
    {
        var taken = _ready.TryDequeue(out prepared);
        RequestRefill();
        return taken;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_ready.TryDequeue(out var prepared))
            {
                prepared.Instance.Dispose();
            }
        }
    }

    private (IWasmInstance Instance, TState State)? TryCreate()
    {
        try
        {
            return _create();
        }
        catch (ObjectDisposedException)
        {
            // The engine went away under a guest nobody disposed (shutdown): nothing left to prepare for.
            _disposed = true;
            return null;
        }
    }

    private void RequestRefill()
    {
        if (Interlocked.Exchange(ref _refillQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static pool => pool.Refill(), this, preferLocal: false);
        }
    }

    private void Refill()
    {
        // Cleared first: a take that races this refill queues another one instead of being missed.
        Volatile.Write(ref _refillQueued, 0);
        while (true)
        {
            lock (_lock)
            {
                if (_disposed || _ready.Count >= _target || TryCreate() is not { } prepared)
                {
                    return;
                }

                _ready.Enqueue(prepared);
            }
        }
    }
}
