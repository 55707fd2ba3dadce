using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>
/// Advances the engine epoch every <see cref="Period"/>, so a deadline of N seconds is N × 100 ticks and fires within
/// 10 ms of the requested time (Kubewarden's 1 s tick gives N−1 to N seconds).
/// </summary>
internal sealed class WasmtimeEpochTicker : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    private readonly Timer _timer;

    public WasmtimeEpochTicker(Engine engine)
    {
        _timer = new Timer(static state => Tick((Engine)state!), engine, Period, Period);
    }

    /// <summary>The number of ticks that covers <paramref name="timeout"/>.</summary>
    public static ulong TicksFor(TimeSpan timeout) =>
        Math.Max(1UL, (ulong)Math.Ceiling(timeout.TotalMilliseconds / Period.TotalMilliseconds));

    public void Dispose()
    {
        using var stopped = new ManualResetEvent(false);
        if (_timer.Dispose(stopped))
        {
            stopped.WaitOne();
        }
    }

    private static void Tick(Engine engine)
    {
        try
        {
            engine.IncrementEpoch();
        }
        catch (ObjectDisposedException)
        {
            // A last tick racing the engine's disposal.
        }
    }
}
