using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.RegistryCache.Tests;

/// <summary>
/// The registry-cache executable as a child process on a free port of 127.0.0.1, pointed at a Dapr sidecar through
/// <c>DAPR_GRPC_ENDPOINT</c> (so it runs the same in Debug and Release builds), serving one upstream.
/// </summary>
internal sealed class CacheProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private CacheProcess(Process process, ConcurrentQueue<string> output, int port)
    {
        _process = process;
        _output = output;
        Host = $"127.0.0.1:{port}";
    }

    /// <summary><c>127.0.0.1:port</c>, the registry part of references through the cache.</summary>
    public string Host { get; }

    public Uri BaseUri => new($"http://{Host}/");

    /// <summary>Starts the cache and waits until <c>/v2/</c> answers.</summary>
    /// <param name="daprEndpoint">The sidecar's gRPC endpoint.</param>
    /// <param name="upstream">The upstream registry (<c>host:port</c>), plain HTTP, listed as insecure in the cache's sources.yml.</param>
    /// <param name="directory">Where the cache's sources.yml is written.</param>
    public static async Task<CacheProcess> StartAsync(Uri daprEndpoint, string upstream, string directory, CancellationToken cancellationToken)
    {
        var sources = Path.Combine(directory, "cache-sources.yml");
        await File.WriteAllTextAsync(sources, $"insecure_sources: [\"{upstream}\"]\n", cancellationToken);
        var port = ChildProcesses.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "registry-cache.dll"),
                "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--RegistryCache:Upstreams:0", upstream,
                "--RegistryCache:SourcesPath", sources,
                "--RegistryCache:DockerConfigPath", Path.Combine(directory, "no-docker-config", "config.json"),
            },
            Environment = { ["DAPR_GRPC_ENDPOINT"] = daprEndpoint.ToString() },
        };
        var output = new ConcurrentQueue<string>();
        var process = ChildProcesses.StartRecording(start, output);
        var cache = new CacheProcess(process, output, port);
        await cache.WaitUntilReadyAsync(cancellationToken);
        return cache;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseUri, "/v2/"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        await DisposeAsync();
        throw new InvalidOperationException($"registry-cache did not start on {Host}:\n{string.Join('\n', _output)}");
    }

}
