using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>
/// The managed WASI preview1 layer, served under <c>wasi_snapshot_preview1</c> and the legacy <c>wasi_unstable</c>.
/// Implemented: args, environ (empty), clocks, random, stdio (<see cref="WasiContext"/>), <c>fd_fdstat_get</c> for
/// fds 0–2, <c>fd_prestat_get</c> (no preopens), <c>proc_exit</c>, <c>sched_yield</c>, and <c>poll_oneoff</c> clock
/// sleeps woken at the deadline. Every other function answers ENOSYS, so no file or socket is ever reachable.
/// </summary>
internal static class WasiFunctions
{
    public const string Preview1 = "wasi_snapshot_preview1";
    public const string Unstable = "wasi_unstable";

    private const string InterruptedText = "guest code interrupted, execution deadline exceeded";

    // Signatures of the functions answered with ENOSYS: i = i32, I = i64; all return an i32 errno.
    private static readonly (string Name, string Parameters)[] Unsupported =
    [
        ("fd_advise", "iIIi"), ("fd_allocate", "iII"), ("fd_close", "i"), ("fd_datasync", "i"),
        ("fd_fdstat_set_flags", "ii"), ("fd_fdstat_set_rights", "iII"), ("fd_filestat_get", "ii"),
        ("fd_filestat_set_size", "iI"), ("fd_filestat_set_times", "iIIi"), ("fd_pread", "iiiIi"),
        ("fd_prestat_dir_name", "iii"), ("fd_pwrite", "iiiIi"), ("fd_readdir", "iiiIi"), ("fd_renumber", "ii"),
        ("fd_seek", "iIii"), ("fd_sync", "i"), ("fd_tell", "ii"), ("path_create_directory", "iii"),
        ("path_filestat_get", "iiiii"), ("path_filestat_set_times", "iiiiIIi"), ("path_link", "iiiiiii"),
        ("path_open", "iiiiiIIii"), ("path_readlink", "iiiiii"), ("path_remove_directory", "iii"),
        ("path_rename", "iiiiii"), ("path_symlink", "iiiii"), ("path_unlink_file", "iii"), ("proc_raise", "i"),
        ("sock_accept", "iii"), ("sock_recv", "iiiiii"), ("sock_send", "iiiii"), ("sock_shutdown", "ii"),
    ];

    /// <summary>Every preview1 function under both module names.</summary>
    public static IReadOnlyList<WasmHostFunction> All { get; } = [.. For(Preview1, legacyLayout: false), .. For(Unstable, legacyLayout: true)];

    private static IEnumerable<WasmHostFunction> For(string module, bool legacyLayout)
    {
        yield return Errno(module, "args_sizes_get", "ii", static (c, a) => SizesGet(c, Wasi(c).Arguments, a));
        yield return Errno(module, "args_get", "ii", static (c, a) => Get(c, Wasi(c).Arguments, a));
        yield return Errno(module, "environ_sizes_get", "ii", static (c, a) => SizesGet(c, [], a));
        yield return Errno(module, "environ_get", "ii", static (c, a) => Get(c, [], a));
        yield return Errno(module, "clock_res_get", "ii", static (c, a) => WriteU64(c, a[1], 1));
        yield return Errno(module, "clock_time_get", "iIi", ClockTimeGet);
        yield return Errno(module, "random_get", "ii", static (c, a) =>
        {
            RandomNumberGenerator.Fill(c.GetMemory((uint)a[0], (uint)a[1]));
            return WasiErrno.Success;
        });
        yield return Errno(module, "fd_write", "iiii", FdWrite);
        yield return Errno(module, "fd_read", "iiii", FdRead);
        yield return Errno(module, "fd_fdstat_get", "ii", FdStatGet);
        yield return Errno(module, "fd_prestat_get", "ii", static (_, _) => WasiErrno.BadFileDescriptor);
        yield return Errno(module, "sched_yield", string.Empty, static (_, _) => WasiErrno.Success);
        yield return Errno(module, "poll_oneoff", "iiii", (c, a) => PollOneoff(c, a, legacyLayout));
        yield return new WasmHostFunction(module, "proc_exit", [WasmValueKind.I32], null, static (_, a) => throw new WasmExitException((int)a[0]));
        foreach (var (name, parameters) in Unsupported)
        {
            yield return Errno(module, name, parameters, static (_, _) => WasiErrno.NotSupported);
        }
    }

    private static WasmHostFunction Errno(string module, string name, string parameters, WasmHostCallback callback) =>
        new(module, name, parameters.Select(p => p == 'I' ? WasmValueKind.I64 : WasmValueKind.I32).ToArray(), WasmValueKind.I32, callback);

    private static WasiContext Wasi(IWasmCaller caller) => ((IWasiHost)caller.HostState!).Wasi;

    private static long SizesGet(IWasmCaller caller, IReadOnlyList<byte[]> values, ReadOnlySpan<long> a)
    {
        WriteU32(caller, a[0], (uint)values.Count);
        WriteU32(caller, a[1], (uint)values.Sum(v => v.Length + 1));
        return WasiErrno.Success;
    }

    private static long Get(IWasmCaller caller, IReadOnlyList<byte[]> values, ReadOnlySpan<long> a)
    {
        var pointers = (uint)a[0];
        var buffer = (uint)a[1];
        foreach (var value in values)
        {
            WriteU32(caller, pointers, buffer);
            pointers += 4;
            var target = caller.GetMemory(buffer, (uint)value.Length + 1);
            value.CopyTo(target);
            target[^1] = 0;
            buffer += (uint)value.Length + 1;
        }

        return WasiErrno.Success;
    }

    private static long ClockTimeGet(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        var time = Wasi(caller).Time;
        var nanoseconds = (int)a[0] switch
        {
            0 => (ulong)(time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100,
            1 or 2 or 3 => (ulong)(time.GetTimestamp() * (1_000_000_000.0 / time.TimestampFrequency)),
            _ => (ulong?)null,
        };
        return nanoseconds is { } ns ? WriteU64(caller, a[2], ns) : WasiErrno.Invalid;
    }

    private static long FdWrite(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        var wasi = Wasi(caller);
        var output = (int)a[0] switch
        {
            1 => wasi.Stdout,
            2 => wasi.Stderr,
            _ => null,
        };
        if (output is null)
        {
            return WasiErrno.BadFileDescriptor;
        }

        uint written = 0;
        for (uint i = 0; i < (uint)a[2]; i++)
        {
            var (buffer, length) = ReadIoVector(caller, (uint)a[1] + (i * 8));
            output.Write(caller.GetMemory(buffer, length));
            written += length;
        }

        return WriteU32(caller, a[3], written);
    }

    private static long FdRead(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        if (a[0] != 0)
        {
            return WasiErrno.BadFileDescriptor;
        }

        var wasi = Wasi(caller);
        uint read = 0;
        for (uint i = 0; i < (uint)a[2]; i++)
        {
            var (buffer, length) = ReadIoVector(caller, (uint)a[1] + (i * 8));
            var count = wasi.ReadStdin(caller.GetMemory(buffer, length));
            read += (uint)count;
            if (count < length)
            {
                break;
            }
        }

        return WriteU32(caller, a[3], read);
    }

    private static long FdStatGet(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        if (a[0] is < 0 or > 2)
        {
            return WasiErrno.BadFileDescriptor;
        }

        var stat = caller.GetMemory((uint)a[1], 24);
        stat.Clear();
        stat[0] = 2; // character device
        const ulong readRights = 1UL << 1 | 1UL << 27;
        const ulong writeRights = 1UL << 6 | 1UL << 27;
        BinaryPrimitives.WriteUInt64LittleEndian(stat[8..], a[0] == 0 ? readRights : writeRights);
        return WasiErrno.Success;
    }

    private static long PollOneoff(IWasmCaller caller, ReadOnlySpan<long> a, bool legacyLayout)
    {
        var wasi = Wasi(caller);
        var subscriptions = (uint)a[0];
        var events = (uint)a[1];
        var count = (uint)a[2];
        var subscriptionSize = legacyLayout ? 56u : 48u;
        var clockOffset = legacyLayout ? 24u : 16u;
        if (count == 0)
        {
            return WasiErrno.Invalid;
        }

        var now = wasi.Time.GetTimestamp();
        long? wake = null;
        var written = 0u;
        for (uint i = 0; i < count; i++)
        {
            var subscription = caller.GetMemory(subscriptions + (i * subscriptionSize), subscriptionSize);
            var userData = BinaryPrimitives.ReadUInt64LittleEndian(subscription);
            if (subscription[8] == 0)
            {
                var clock = subscription[(int)clockOffset..];
                var timeout = BinaryPrimitives.ReadUInt64LittleEndian(clock[8..]);
                var absolute = (BinaryPrimitives.ReadUInt16LittleEndian(clock[24..]) & 1) != 0;
                var relative = absolute ? Math.Max(0, (long)timeout - NowNanoseconds(wasi, BinaryPrimitives.ReadUInt32LittleEndian(clock))) : (long)Math.Min(timeout, long.MaxValue);
                var at = now + (long)(relative / 1_000_000_000.0 * wasi.Time.TimestampFrequency);
                wake = wake is { } w ? Math.Min(w, at) : at;
            }
            else
            {
                // fd_read / fd_write on stdio never block: stdin is a buffer, stdout/stderr are memory.
                var fd = BinaryPrimitives.ReadUInt32LittleEndian(subscription[16..]);
                var available = subscription[8] == 1 ? (ulong)wasi.StdinAvailable : 0;
                WriteEvent(caller, events + (written++ * 32), userData, fd <= 2 ? WasiErrno.Success : WasiErrno.BadFileDescriptor, subscription[8], available);
            }
        }

        if (written == 0 && wake is { } wakeAt)
        {
            Sleep(wasi, wakeAt);
            for (uint i = 0; i < count; i++)
            {
                var subscription = caller.GetMemory(subscriptions + (i * subscriptionSize), subscriptionSize);
                WriteEvent(caller, events + (written++ * 32), BinaryPrimitives.ReadUInt64LittleEndian(subscription), WasiErrno.Success, 0, 0);
            }
        }

        return WriteU32(caller, a[3], written);
    }

    /// <summary>Sleeps until <paramref name="wakeAt"/>, or traps the guest as interrupted when the deadline comes first.</summary>
    private static void Sleep(WasiContext wasi, long wakeAt)
    {
        var deadline = wasi.DeadlineTimestamp;
        var until = deadline is { } d && d < wakeAt ? d : wakeAt;
        var remaining = wasi.Time.GetElapsedTime(wasi.Time.GetTimestamp(), until);
        if (remaining > TimeSpan.Zero)
        {
            Task.Delay(remaining, wasi.Time).GetAwaiter().GetResult();
        }

        if (deadline is { } limit && limit < wakeAt)
        {
            throw new WasmHostTrapException(InterruptedText, WasmTrapKind.Interrupted);
        }
    }

    private static long NowNanoseconds(WasiContext wasi, uint clock) => clock == 0
        ? (wasi.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100
        : (long)(wasi.Time.GetTimestamp() * (1_000_000_000.0 / wasi.Time.TimestampFrequency));

    private static void WriteEvent(IWasmCaller caller, uint address, ulong userData, int error, byte type, ulong bytes)
    {
        var target = caller.GetMemory(address, 32);
        target.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(target, userData);
        BinaryPrimitives.WriteUInt16LittleEndian(target[8..], (ushort)error);
        target[10] = type;
        BinaryPrimitives.WriteUInt64LittleEndian(target[16..], bytes);
    }

    private static (uint Buffer, uint Length) ReadIoVector(IWasmCaller caller, uint address)
    {
        var vector = caller.GetMemory(address, 8);
        return (BinaryPrimitives.ReadUInt32LittleEndian(vector), BinaryPrimitives.ReadUInt32LittleEndian(vector[4..]));
    }

    private static long WriteU32(IWasmCaller caller, long address, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(caller.GetMemory((uint)address, 4), value);
        return WasiErrno.Success;
    }

    private static long WriteU64(IWasmCaller caller, long address, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(caller.GetMemory((uint)address, 8), value);
        return WasiErrno.Success;
    }
}
