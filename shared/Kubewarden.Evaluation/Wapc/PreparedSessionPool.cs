using System.Collections.Concurrent;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>
/// Fresh instances of a snapshotted module created ahead of time on a pool thread, so that an evaluation only pays for
/// its call. Each instance is handed out once and disposed after that evaluation: creating it earlier changes when the
/// work is done, not what the guest sees (nothing runs in it before it is taken).
/// </summary>
internal sealed class PreparedSessionPool : IDisposable
{
    private readonly Func<WapcSession?> _create;
    private readonly int _target;
    private readonly ConcurrentQueue<WapcSession> _ready = new();
    private readonly Lock _lock = new();
    private int _refillQueued;
    private bool _disposed;

    /// <param name="create">Creates one session; null when instantiation fails (the evaluation path then reports it).</param>
    /// <param name="target">How many sessions to keep ready.</param>
    public PreparedSessionPool(Func<WapcSession?> create, int target)
    {
        _create = create;
        _target = target;
        RequestRefill();
    }

    /// <summary>Takes a ready session, if one is; a refill is requested either way.</summary>
    public bool TryTake(out WapcSession session)
    {
        var taken = _ready.TryDequeue(out session);
        RequestRefill();
        return taken;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_ready.TryDequeue(out var session))
            {
                session.Instance?.Dispose();
            }
        }
    }

    private WapcSession? TryCreate()
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
                if (_disposed || _ready.Count >= _target || TryCreate() is not { } session)
                {
                    return;
                }

                _ready.Enqueue(session);
            }
        }
    }
}
