using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Wapc;
using Kubewarden.Evaluation.Wasi;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Snapshot;

/// <summary>
/// Takes a snapshot of a waPC module after <c>_start</c>/<c>wapc_init</c>: the module is instrumented so its globals
/// can be read, initialised once, and rewritten so that its data segments and global initialisers hold the state
/// init produced. Instances of the result start initialised and share nothing: each gets a fresh copy of that state.
/// </summary>
/// <remarks>
/// Values init read from the outside world are frozen into the snapshot (clock readings, random seeds), as with
/// Wizer. A module whose init calls the host (other than <c>__console_log</c>) or grows a table is not snapshotted,
/// because that effect cannot be replayed: it is initialised per evaluation instead.
/// </remarks>
internal sealed class WapcSnapshotter(IWasmEngine engine, TimeProvider time)
{
    private const long MaxSnapshotMemory = 1L << 30;

    /// <summary>The snapshot module bytes, or the reason why there is none.</summary>
    public SnapshotAttempt TryCreate(ReadOnlyMemory<byte> module, TimeSpan? timeout)
    {
        WasmInstrumentedModule instrumented;
        try
        {
            instrumented = WasmSnapshotInstrumenter.Instrument(module.Span);
        }
        catch (WasmSnapshotNotSupportedException e)
        {
            return SnapshotAttempt.Unavailable(e.Message);
        }

        using var compiled = engine.Compile(instrumented.Bytes);
        using var linked = compiled.Link(WapcGuest.HostFunctions);
        var hostCalls = new RefusingHostCalls();
        var wasi = new WasiContext([], [], time);
        var state = new WapcInvocation(hostCalls, wasi, static _ => { });
        var instantiation = linked.Instantiate(state, new WasmInstanceOptions(null, timeout));
        if (instantiation.Instance is not { } instance)
        {
            return SnapshotAttempt.Unavailable($"instantiation failed: {GuestTrapText.For(instantiation.Trap!)}");
        }

        using (instance)
        {
            var tablesBefore = instrumented.TableExports.Select(instance.GetTableSize).ToArray();
            if (WapcGuest.RunInit(instance, wasi, timeout, "snapshot", NullLogger.Instance) is { } failure)
            {
                return SnapshotAttempt.Unavailable(failure.Error);
            }

            if (hostCalls.Attempted)
            {
                return SnapshotAttempt.Unavailable("initialisation calls host capabilities, which must run on every evaluation");
            }

            if (!tablesBefore.SequenceEqual(instrumented.TableExports.Select(instance.GetTableSize)))
            {
                return SnapshotAttempt.Unavailable("initialisation grows a table, which a snapshot cannot hold");
            }

            if (instance.MemorySize > MaxSnapshotMemory)
            {
                return SnapshotAttempt.Unavailable($"initialisation leaves {instance.MemorySize} bytes of memory, more than a snapshot holds ({MaxSnapshotMemory})");
            }

            return SnapshotAttempt.Created(WasmSnapshotBuilder.Build(module.Span, ReadState(instance, instrumented)));
        }
    }

    private static WasmSnapshotState ReadState(IWasmInstance instance, WasmInstrumentedModule instrumented)
    {
        var globals = new List<WasmSnapshotGlobalValue>(instrumented.Globals.Count);
        foreach (var global in instrumented.Globals)
        {
            if (!global.Mutable)
            {
                continue;
            }

            if (!instance.TryReadGlobal(global.ExportName, out var value))
            {
                throw new InvalidOperationException($"the instrumented global `{global.ExportName}` cannot be read");
            }

            globals.Add(new WasmSnapshotGlobalValue(global.DefinedIndex, global.Type, value.Bits, value.HighBits));
        }

        var memory = instrumented.MemoryExport is null ? ReadOnlyMemory<byte>.Empty : ReadMemory(instance);
        return new WasmSnapshotState(globals, memory, memory.Length / 65536);
    }

    private static byte[] ReadMemory(IWasmInstance instance) => instance.GetMemory(0, (uint)instance.MemorySize).ToArray();

    /// <summary>Host calls during snapshot init are refused and remembered: the snapshot is then abandoned.</summary>
    private sealed class RefusingHostCalls : IHostCallHandler
    {
        public bool Attempted { get; private set; }

        public HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload)
        {
            Attempted = true;
            return HostCallResult.Failure("host calls are not available while a snapshot is taken");
        }
    }
}
