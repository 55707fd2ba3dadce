using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>
/// A real registry for tests: Debian's <c>docker-registry</c> (distribution 2.8) on 127.0.0.1 with a free port, storage
/// in a temporary directory, killed on dispose. Its output (access log included) is recorded for request counting.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    /// <summary>Where Debian installs the registry.</summary>
    public const string Executable = "/usr/bin/docker-registry";

    private const int StartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<string> _output;
    private readonly RegistryServerOptions _options;
    private Process _process;

    private RegistryServer(Process process, ConcurrentQueue<string> output, string directory, int port, RegistryServerOptions options)
    {
        _process = process;
        _output = output;
        _options = options;
        var tls = options.Tls is not null;
        Directory = directory;
        StorageDirectory = Path.Combine(directory, "storage");
        Port = port;
        BaseUri = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
    }

    /// <summary>The temporary directory holding config, storage and auth files.</summary>
    public string Directory { get; }

    /// <summary>The filesystem storage root.</summary>
    public string StorageDirectory { get; }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, the registry part of references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The registry's base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary>Everything the registry wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Skips the calling test unless the registry is installed.</summary>
    public static void SkipUnlessInstalled() =>
        Assert.SkipUnless(File.Exists(Executable), $"{Executable} is missing: apt-get install docker-registry (and apache2-utils for htpasswd)");

    /// <summary>Starts a registry and waits until <c>/v2/</c> answers.</summary>
    public static async Task<RegistryServer> StartAsync(RegistryServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        SkipUnlessInstalled();
        options ??= new RegistryServerOptions();
        var directory = System.IO.Directory.CreateTempSubdirectory("kw-oci-registry-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = ChildProcesses.FreeLoopbackPort();
            var configPath = WriteConfig(directory, port, options);
            var output = new ConcurrentQueue<string>();
            var process = Launch(configPath, output);
            var server = new RegistryServer(process, output, directory, port, options);
            if (await server.WaitUntilReadyAsync(cancellationToken))
            {
                return server;
            }

            await server.StopAsync();
            server._process.Dispose();
            var log = string.Join('\n', output);
            if (attempt == StartAttempts || !log.Contains("address already in use", StringComparison.Ordinal))
            {
                System.IO.Directory.Delete(directory, recursive: true);
                throw new InvalidOperationException($"docker-registry did not start on port {port}:\n{log}");
            }
        }
    }

    /// <summary>How many access-log lines show <paramref name="method"/> on a path starting with <paramref name="pathPrefix"/>.</summary>
    public int CountRequests(string method, string pathPrefix) =>
        _output.Count(line => line.Contains($"\"{method} {pathPrefix}", StringComparison.Ordinal));

    /// <summary>The file holding a blob's bytes in the filesystem storage driver.</summary>
    public string BlobDataPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    /// <summary>Stops the registry, keeping its port reserved in its configuration and its storage on disk.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the stopped registry again on the same port with the same storage; waits until it answers.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(Path.Combine(Directory, "config.yml"), _output);
        if (!await WaitUntilReadyAsync(cancellationToken))
        {
            throw new InvalidOperationException($"docker-registry did not restart on port {Port}:\n{string.Join('\n', _output)}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler();
        if (_options.Tls is { } ca)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Issuer == ca.Certificate.Subject;
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseUri, "/v2/"), cancellationToken);
                return true;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        return false;
    }

    private static Process Launch(string configPath, ConcurrentQueue<string> output)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(configPath);
        return ChildProcesses.StartRecording(start, output);
    }

    private static string WriteConfig(string directory, int port, RegistryServerOptions options)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("version: 0.1");
        yaml.AppendLine("log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"storage:\n  filesystem:\n    rootdirectory: {Path.Combine(directory, "storage")}");
        yaml.AppendLine("  maintenance:\n    uploadpurging:\n      enabled: false");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"http:\n  addr: 127.0.0.1:{port}\n  secret: kubewarden-oci-tests");
        if (options.Tls is { } ca)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  tls:\n    certificate: {ca.ServerCertificatePemPath}\n    key: {ca.ServerKeyPemPath}");
        }

        if (options.Htpasswd is { } user)
        {
            var htpasswd = Path.Combine(directory, "htpasswd");
            File.WriteAllText(htpasswd, user.ToHtpasswdLine() + "\n");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"auth:\n  htpasswd:\n    realm: kubewarden-oci-tests\n    path: {htpasswd}");
        }
        else if (options.Token is { } token)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture,
                $"auth:\n  token:\n    realm: {token.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n    rootcertbundle: {token.RootCertBundlePath}");
        }

        var path = Path.Combine(directory, "config.yml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }
}
