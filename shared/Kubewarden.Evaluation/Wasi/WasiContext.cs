using System.Buffers;
using System.Text;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>
/// The whole world a guest sees through WASI: arguments, stdin as a buffer (host calls append their answers to it),
/// stdout and stderr captured in memory, clocks, and the evaluation deadline that wakes a sleeping guest.
/// No environment variables, no files, no sockets.
/// </summary>
internal sealed class WasiContext
{
    private byte[] _stdin;
    private int _stdinLength;
    private int _stdinPosition;
    private long? _deadlineTimestamp;

    public WasiContext(IReadOnlyList<string> arguments, ReadOnlySpan<byte> stdin, TimeProvider time)
    {
        Arguments = arguments.Select(a => Encoding.UTF8.GetBytes(a)).ToArray();
        _stdin = stdin.ToArray();
        _stdinLength = _stdin.Length;
        Time = time;
    }

    public IReadOnlyList<byte[]> Arguments { get; }

    public TimeProvider Time { get; }

    public ArrayBufferWriter<byte> Stdout { get; } = new();

    public ArrayBufferWriter<byte> Stderr { get; } = new();

    /// <summary>When the running call must stop, as a <see cref="TimeProvider"/> timestamp; null = never.</summary>
    public long? DeadlineTimestamp => _deadlineTimestamp;

    public void ArmDeadline(TimeSpan? timeout) =>
        _deadlineTimestamp = timeout is { } t ? Time.GetTimestamp() + (long)(t.TotalSeconds * Time.TimestampFrequency) : null;

    /// <summary>Copies unread stdin into <paramref name="destination"/>; 0 at end of input.</summary>
    public int ReadStdin(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _stdinLength - _stdinPosition);
        _stdin.AsSpan(_stdinPosition, count).CopyTo(destination);
        _stdinPosition += count;
        return count;
    }

    /// <summary>Appends to stdin: how WASI guests receive host-call answers.</summary>
    public void AppendStdin(ReadOnlySpan<byte> data)
    {
        if (_stdinLength + data.Length > _stdin.Length)
        {
            Array.Resize(ref _stdin, Math.Max(_stdin.Length * 2, _stdinLength + data.Length));
        }

        data.CopyTo(_stdin.AsSpan(_stdinLength));
        _stdinLength += data.Length;
    }

    public int StdinAvailable => _stdinLength - _stdinPosition;
}
