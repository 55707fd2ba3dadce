using System.Text;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>
/// A prepared WASI command module (Kubewarden's <c>wasi</c> execution mode). Each run is a fresh instance whose
/// <c>_start</c> <em>is</em> the evaluation: argv <c>["policy.wasm", action]</c>, the input on stdin, the answer on
/// stdout, errors on stderr.
/// </summary>
public sealed class WasiGuest : IDisposable
{
    private readonly IWasmLinkedModule _linked;
    private readonly long? _maxMemoryBytes;
    private readonly TimeProvider _time;

    internal WasiGuest(IWasmLinkedModule linked, long? maxMemoryBytes, TimeProvider time)
    {
        _linked = linked;
        _maxMemoryBytes = maxMemoryBytes;
        _time = time;
    }

    /// <summary>Host functions a WASI-mode module may import.</summary>
    internal static IReadOnlyList<WasmHostFunction> HostFunctions { get; } = [.. WasiFunctions.All, .. WasiHostCallFunctions.All];

    /// <summary>Runs the module once with <paramref name="action"/> as its argument and <paramref name="stdin"/> as input.</summary>
    public WasiRunResult Run(string action, ReadOnlySpan<byte> stdin, IHostCallHandler hostCalls, TimeSpan? timeout)
    {
        var wasi = new WasiContext(["policy.wasm", action], stdin, _time);
        wasi.ArmDeadline(timeout);
        var instantiation = _linked.Instantiate(new WasiInvocation(wasi, hostCalls), new WasmInstanceOptions(_maxMemoryBytes, timeout));
        var trap = instantiation.Trap;
        if (instantiation.Instance is { } instance)
        {
            using (instance)
            {
                instance.SetDeadline(timeout);
                trap = instance.GetFunction("_start") is { } start
                    ? start.Call([]).Trap
                    : new WasmTrap(WasmTrapKind.Other, "the module does not export `_start`");
            }
        }

        var succeeded = trap is null || (trap.Kind == WasmTrapKind.Exit && trap.ExitCode == 0);
        return new WasiRunResult(
            succeeded,
            trap?.Kind == WasmTrapKind.Interrupted,
            wasi.Stdout.WrittenMemory.ToArray(),
            Encoding.UTF8.GetString(wasi.Stderr.WrittenSpan).Trim(),
            succeeded ? null : trap!.Detail);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _linked.Dispose();
        _linked.Module.Dispose();
    }
}
