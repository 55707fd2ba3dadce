using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

[assembly: AssemblyFixture(typeof(KubeApiServerFixture))]

namespace Kubewarden.Kubernetes.Tests;

/// <summary>
/// A real kube-apiserver for the whole assembly: the one named by <c>KUBEWARDEN_TEST_KUBECONFIG</c>, otherwise one started
/// with <c>scripts/kube-apiserver.sh start</c> when its binary has been built (and stopped again at the end). Without
/// either, the tests that need it are skipped with the way to get it. Test objects are created through the library's
/// own connection with plain JSON bodies.
/// </summary>
public sealed class KubeApiServerFixture : IAsyncLifetime
{
    /// <summary>The variable naming the kubeconfig of an already running API server.</summary>
    public const string KubeconfigVariable = "KUBEWARDEN_TEST_KUBECONFIG";

    private static readonly string Binary = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kube-e2e", "kube-apiserver");

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private string? _kubeconfig;
    private string? _unavailable;
    private string? _startedBy;
    private KubernetesConnection? _connection;

    /// <summary>The kubeconfig of the server; skips the calling test when there is none.</summary>
    public string Kubeconfig
    {
        get
        {
            Assert.SkipWhen(_unavailable is not null, _unavailable ?? string.Empty);
            return _kubeconfig!;
        }
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(KubeconfigVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            _kubeconfig = configured;
        }
        else if (!File.Exists(Binary))
        {
            _unavailable = $"no Kubernetes API server: set {KubeconfigVariable} to the kubeconfig of a running one, "
                + $"or build {Binary} once with: bash scripts/kube-apiserver.sh build";
            return;
        }
        else
        {
            _startedBy = Path.Combine(RepositoryRoot(), "scripts", "kube-apiserver.sh");
            _kubeconfig = await RunScriptAsync(_startedBy, "start");
        }

        _connection = KubernetesConnectionFactory.TryCreate(_kubeconfig, out var reason);
        if (_connection is null)
        {
            _unavailable = $"cannot use the kubeconfig {_kubeconfig}: {reason}";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _connection?.Dispose();
        if (_startedBy is not null)
        {
            await RunScriptAsync(_startedBy, "stop");
        }
    }

    /// <summary>A new cluster (own connection, discovery and caches) on the server; the caller disposes it.</summary>
    public KubernetesCluster NewCluster(ILoggerFactory? loggerFactory = null) =>
        new(KubernetesConnectionFactory.TryCreate(Kubeconfig, out _), loggerFactory ?? NullLoggerFactory.Instance);

    /// <summary>Creates a namespace with a unique name starting with <paramref name="prefix"/>.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, JsonObject? labels = null)
    {
        var name = UniqueName(prefix);
        await CreateAsync("api/v1/namespaces", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [] },
        });
        return name;
    }

    /// <summary>Creates a ConfigMap.</summary>
    public Task<JsonObject> CreateConfigMapAsync(string @namespace, string name, JsonObject? data = null, JsonObject? labels = null, JsonObject? annotations = null) =>
        CreateAsync($"api/v1/namespaces/{@namespace}/configmaps", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels ?? [], ["annotations"] = annotations ?? [] },
            ["data"] = data ?? [],
        });

    /// <summary>POSTs <paramref name="body"/> to the collection <paramref name="path"/> and answers the created object.</summary>
    public async Task<JsonObject> CreateAsync(string path, JsonObject body)
    {
        var api = new KubernetesApi(Connection);
        var created = await api.PostAsync(path, Encoding.UTF8.GetBytes(body.ToJsonString()), TestContext.Current.CancellationToken);
        return JsonNode.Parse(created)!.AsObject();
    }

    /// <summary>Applies the JSON merge patch <paramref name="patch"/> to the object at <paramref name="path"/>.</summary>
    public Task PatchAsync(string path, JsonObject patch) =>
        SendAsync(HttpMethod.Patch, path, new StringContent(patch.ToJsonString(), new MediaTypeHeaderValue("application/merge-patch+json")));

    /// <summary>Deletes the object at <paramref name="path"/>.</summary>
    public Task DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>A DNS-label name unique to this run: <paramref name="prefix"/> plus a Guid.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private KubernetesConnection Connection
    {
        get
        {
            _ = Kubeconfig;
            return _connection!;
        }
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await Connection.SendAsync(request, HttpCompletionOption.ResponseContentRead, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Kubewarden.sln above {AppContext.BaseDirectory}: cannot find scripts/kube-apiserver.sh");
    }

    private static async Task<string> RunScriptAsync(string script, string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bash {script} {command} failed ({process.ExitCode}): {await errors}");
        }

        var kubeconfig = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("KUBECONFIG=", StringComparison.Ordinal));
        return kubeconfig?["KUBECONFIG=".Length..].Trim() ?? string.Empty;
    }
}
