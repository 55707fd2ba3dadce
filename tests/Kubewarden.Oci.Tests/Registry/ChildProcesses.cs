using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>What tests running servers as child processes on 127.0.0.1 share: a port to give them, and their output.</summary>
internal static class ChildProcesses
{
    /// <summary>
    /// A loopback port that is free now. It is released before the caller's server binds it, so another process may take
    /// it meanwhile: callers that start a server on it retry on a bind failure.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="start"/> (stdout and stderr redirected) and records every line it prints.</summary>
    public static Process StartRecording(ProcessStartInfo start, ConcurrentQueue<string> output)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(output, e.Data);
        process.ErrorDataReceived += (_, e) => Record(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Record(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
