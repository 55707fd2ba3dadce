using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kubewarden.Dapr.LocalSidecar;
using Kubewarden.Oci;
using Kubewarden.Oci.Tests.Registry;
using Kubewarden.RegistryCache.Tests;
using Kubewarden.Wasm.Binary;
using Microsoft.Extensions.Logging.Abstractions;

// Time from launching a policy-server with 10 registry policies until its readiness probe answers 200, three ways in
// one run: cold (empty module store and precompiled cache), warm (the same store and cache: no pull, no compile), and
// through a warm registry-cache (empty local store, every pull served by the cache). Median of RUNS launches each.
const int Policies = 10;
const int Runs = 3;
var root = Directory.CreateTempSubdirectory("kw-startup-").FullName;
var module = await File.ReadAllBytesAsync(args.Length > 0 ? args[0] : Path.Combine(RepositoryRoot(), "examples", "policies", "no-privileged-pods.wasm"));
Console.WriteLine($"policy-server start with {Policies} registry policies ({module.Length} bytes each, distinct digests), median of {Runs} launches");

var registry = StartRegistry(Path.Combine(root, "registry"), out var registryHost);
AppDomain.CurrentDomain.ProcessExit += (_, _) => registry.Kill(entireProcessTree: true);
var sources = Path.Combine(root, "sources.yml");
await File.WriteAllTextAsync(sources, $"insecure_sources: [\"{registryHost}\"]\n");
using (var client = new OciRegistryClient(new OciClientOptions { Sources = SourcesConfigLoader.Parse(await File.ReadAllTextAsync(sources), sources), DockerConfigPath = Path.Combine(root, "none") }, NullLogger<OciRegistryClient>.Instance))
{
    for (var i = 0; i < Policies; i++)
    {
        // A custom section makes each copy a distinct module (digest) while the code stays the same.
        var variant = WasmCustomSection.Append(module, "kubewarden.bench", Encoding.UTF8.GetBytes($"variant {i}"));
        await client.PushAsync(OciReference.Parse($"{registryHost}/bench/policy-{i}:v1"), variant, CancellationToken.None);
    }
}

var policiesFile = Path.Combine(root, "policies.yml");
await File.WriteAllLinesAsync(policiesFile, Enumerable.Range(0, Policies).SelectMany(i => new[] { $"policy-{i}:", $"  module: registry://{registryHost}/bench/policy-{i}:v1" }));

await using var sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = ["registry-cache"] });
await using var cache = await CacheProcess.StartAsync(sidecar.Endpoint, registryHost, root, CancellationToken.None);

var cold = new List<double>();
var warm = new List<double>();
var cached = new List<double>();
for (var run = 0; run < Runs; run++)
{
    var store = Path.Combine(root, $"store-{run}");
    cold.Add(await TimeStartAsync(store, []));
    warm.Add(await TimeStartAsync(store, []));
    cached.Add(await TimeStartAsync(Path.Combine(root, $"cached-store-{run}"), ["--registry-cache", cache.BaseUri.ToString().TrimEnd('/')]));
}

Console.WriteLine();
Console.WriteLine("| start | median | runs (s) |");
Console.WriteLine("|---|---:|---|");
Report("cold: pull + compile", cold);
Report("warm: local store + precompiled cache", warm);
Report("through a warm registry-cache, empty local store", cached);
Directory.Delete(root, recursive: true);
return 0;

void Report(string name, List<double> seconds) =>
    Console.WriteLine($"| {name} | {Median(seconds).ToString("F2", CultureInfo.InvariantCulture)} s | {string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))} |");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

async Task<double> TimeStartAsync(string store, string[] extra)
{
    var (port, readiness) = (ChildProcesses.FreeLoopbackPort(), ChildProcesses.FreeLoopbackPort());
    var start = new ProcessStartInfo("dotnet")
    {
        ArgumentList =
        {
            Path.Combine(AppContext.BaseDirectory, "policy-server.dll"),
            "--addr", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--readiness-probe-port", readiness.ToString(CultureInfo.InvariantCulture),
            "--policies", policiesFile, "--policies-download-dir", store, "--sources-path", sources,
            "--docker-config-json-path", Path.Combine(root, "none"), "--log-level", "warn",
        },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (var argument in extra)
    {
        start.ArgumentList.Add(argument);
    }

    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
    while (true)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"policy-server exited with {process.ExitCode} before it was ready");
        }

        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{readiness}/readiness"));
            if (response.IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }

        await Task.Delay(10);
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    process.Kill(entireProcessTree: true);
    await process.WaitForExitAsync();
    return elapsed;
}

static Process StartRegistry(string directory, out string host)
{
    Directory.CreateDirectory(directory);
    var port = ChildProcesses.FreeLoopbackPort();
    host = $"127.0.0.1:{port}";
    var config = Path.Combine(directory, "config.yml");
    File.WriteAllText(config, $"version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(directory, "data")}\nhttp:\n  addr: {host}\nlog:\n  level: warn\n");
    var process = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry") { ArgumentList = { "serve", config }, RedirectStandardError = true, RedirectStandardOutput = true })!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    using var http = new HttpClient();
    for (var attempt = 0; attempt < 100; attempt++)
    {
        try
        {
            if (http.GetAsync(new Uri($"http://{host}/v2/")).GetAwaiter().GetResult().IsSuccessStatusCode)
            {
                return process;
            }
        }
        catch (HttpRequestException)
        {
            Thread.Sleep(50);
        }
    }

    throw new InvalidOperationException("docker-registry did not start; install it with apt-get install docker-registry");
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository, or give a Wasm module path");
}
