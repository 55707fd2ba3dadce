using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.LoadTests.Targets;

/// <summary>
/// Our policy-server as a child process: HTTPS API with a generated certificate (no client certificate required),
/// plain-HTTP readiness and metrics, both on free loopback ports, modules downloaded to a temp directory. Disposing it
/// kills the process and removes the directory.
/// </summary>
internal sealed class PolicyServerProcess : IDisposable
{
    private const int BindAttempts = 3;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly DirectoryInfo _directory;

    private PolicyServerProcess(Process process, ConcurrentQueue<string> output, DirectoryInfo directory, int port, int readinessPort)
    {
        _process = process;
        _output = output;
        _directory = directory;
        ApiBase = new Uri($"https://127.0.0.1:{port}/");
        ReadinessBase = new Uri($"http://127.0.0.1:{readinessPort}/");
    }

    public int Pid => _process.Id;

    /// <summary>The HTTPS API, e.g. <c>https://127.0.0.1:41234/</c>; <c>validate/{id}</c> is below it.</summary>
    public Uri ApiBase { get; }

    /// <summary>The plain-HTTP readiness listener, which also serves <c>/metrics</c>.</summary>
    public Uri ReadinessBase { get; }

    /// <summary>The PEM CA that signed the API certificate; see <see cref="TargetTls.CreateHandler"/>.</summary>
    public string CaFile => Path.Combine(_directory.FullName, "ca.crt");

    /// <summary>Everything the process printed so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the server and waits until <c>GET /readiness</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not get ready in time; the message holds its output.</exception>
    public static async Task<PolicyServerProcess> StartAsync(PolicyServerLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var dll = await PolicyServerLocator.FindOrBuildAsync(launch.ServerDll, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("kw-load-policy-server-");
        try
        {
            WriteTls(directory.FullName);
            for (var attempt = 1; ; attempt++)
            {
                var server = Start(dll, launch, directory);
                try
                {
                    await server.WaitUntilReadyAsync(launch.ReadinessTimeout, cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < BindAttempts && server.LostPortRace())
                {
                    server.Stop();
                }
                catch
                {
                    server.Stop();
                    throw;
                }
            }
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        Stop();
        _directory.Delete(recursive: true);
    }

    private static void WriteTls(string directory)
    {
        using var pki = new LoopbackPki();
        using var certificate = pki.NewServerCertificate();
        pki.WriteCaPem(Path.Combine(directory, "ca.crt"));
        LoopbackPki.WritePem(certificate, Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
    }

    private static PolicyServerProcess Start(string dll, PolicyServerLaunch launch, DirectoryInfo directory)
    {
        var (port, readinessPort) = (ChildProcesses.FreeLoopbackPort(), ChildProcesses.FreeLoopbackPort());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                dll, "--addr", "127.0.0.1", "--port", Invariant(port), "--readiness-probe-port", Invariant(readinessPort),
                "--policies", Path.GetFullPath(launch.PoliciesFile), "--policies-download-dir", Path.Combine(directory.FullName, "downloads"),
                "--cert-file", Path.Combine(directory.FullName, "tls.crt"), "--key-file", Path.Combine(directory.FullName, "tls.key"),
                "--engine", launch.Engine, "--log-level", "warn",
            },
        };
        if (launch.Workers is { } workers)
        {
            start.ArgumentList.Add("--workers");
            start.ArgumentList.Add(Invariant(workers));
        }

        if (launch.AlwaysAcceptNamespace is { } exempt)
        {
            start.ArgumentList.Add("--always-accept-admission-reviews-on-namespace");
            start.ArgumentList.Add(exempt);
        }

        var output = new ConcurrentQueue<string>();
        return new PolicyServerProcess(ChildProcesses.StartRecording(start, output), output, directory, port, readinessPort);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = ReadinessBase, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw Failure($"exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await probe.GetAsync("readiness", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw Failure($"was not ready within {timeout.TotalSeconds:F0} s");
    }

    private InvalidOperationException Failure(string what) =>
        new($"policy-server (pid {_process.Id}) {what}; its output:\n{string.Join('\n', _output)}");

    /// <summary>Another process took one of the ports between <see cref="ChildProcesses.FreeLoopbackPort"/> and the bind.</summary>
    private bool LostPortRace() =>
        _process.HasExited && _output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    private void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
