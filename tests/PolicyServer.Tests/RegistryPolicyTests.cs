using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.Dapr.LocalSidecar;
using Kubewarden.Oci;
using Kubewarden.RegistryCache.Tests;
using Kubewarden.Oci.Tests.Registry;
using Kubewarden.PolicyServer.Tests.Harness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// Policies pulled from a real registry (Debian's docker-registry on 127.0.0.1, plain HTTP, listed as an insecure
/// source): by tag and by digest, from the local store after a restart, through a registry cache that is down, and the
/// faults: registry down at start (then back), a tampered layer, refused credentials.
/// </summary>
public sealed class RegistryPolicyTests : IAsyncLifetime
{
    private static readonly HtpasswdUser User = new("kubewarden", "correct horse");
    private readonly string _directory = Directory.CreateTempSubdirectory("kw-ps-registry-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        RegistryServer.SkipUnlessInstalled();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RegistryPolicies_ServeByTagAndByDigest_AndARestartReusesTheStore()
    {
        var registry = await StartRegistryAsync();
        var pinned = await PushAsync(registry, "policies/accept:v1", ServerPolicies.Accepting());
        await PushAsync(registry, "policies/accept", ServerPolicies.Accepting());
        var policies = Policies(
            ("by-tag", $"registry://{registry.Host}/policies/accept:v1"),
            ("by-digest", $"registry://{pinned}"),
            ("schemeless-latest", $"{registry.Host}/policies/accept"));
        var downloads = Path.Combine(_directory, "downloads");

        var first = await StartServerAsync(registry, policies, downloads);
        foreach (var id in new[] { "by-tag", "by-digest", "schemeless-latest" })
        {
            await AssertAcceptsAsync(first, id);
        }

        Assert.Single(Directory.GetFiles(Path.Combine(downloads, "sha256")));
        var tagManifests = registry.CountRequests("GET", "/v2/policies/accept/manifests/v1");
        var digestManifests = registry.CountRequests("GET", $"/v2/policies/accept/manifests/{Digest(pinned)}");
        var latestManifests = registry.CountRequests("GET", "/v2/policies/accept/manifests/latest");
        var blobs = registry.CountRequests("GET", "/v2/policies/accept/blobs/");

        var second = await StartServerAsync(registry, policies, downloads);
        await AssertAcceptsAsync(second, "by-tag");
        await AssertAcceptsAsync(second, "by-digest");

        Assert.Equal(tagManifests, registry.CountRequests("GET", "/v2/policies/accept/manifests/v1"));
        Assert.Equal(digestManifests, registry.CountRequests("GET", $"/v2/policies/accept/manifests/{Digest(pinned)}"));
        Assert.Equal(latestManifests + 1, registry.CountRequests("GET", "/v2/policies/accept/manifests/latest"));
        Assert.Equal(blobs + 1, registry.CountRequests("GET", "/v2/policies/accept/blobs/"));
    }

    [Fact]
    public async Task RegistryDownAtStart_ThatPolicyAnswersItsError_OthersServe_AndItServesOnceTheRegistryIsBack()
    {
        var registry = await StartRegistryAsync();
        await PushAsync(registry, "policies/accept:v1", ServerPolicies.Accepting());
        await registry.StopAsync();
        var module = $"registry://{registry.Host}/policies/accept:v1";
        var server = new PolicyServerInstance();
        _owned.Add(server);
        var local = server.AddModule("local", ServerPolicies.Accepting());

        await StartServerAsync(registry, Policies(("remote", module), ("local", local)), server: server);

        using (var ready = await server.Readiness.GetAsync(new Uri("/readiness", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await AssertAcceptsAsync(server, "local");
        var response = await ResponseAsync(server, "remote");
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(500, (int)response["status"]!["code"]!);
        Assert.StartsWith($"Error while downloading policy 'remote' from {module}: could not reach ", (string)response["status"]!["message"]!, StringComparison.Ordinal);

        await registry.RestartAsync(Ct);

        await Poll.UntilAsync(async () => (bool)(await ResponseAsync(server, "remote"))["allowed"]!, allowed => allowed,
            "the background retry to fetch the policy once the registry is back", Ct, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TamperedLayer_IsRefused_AndNotRetried()
    {
        var registry = await StartRegistryAsync();
        await PushAsync(registry, "policies/tampered:v1", ServerPolicies.Accepting());
        var blob = registry.BlobDataPath(OciDigest.Of(ServerPolicies.Accepting()));
        var bytes = await File.ReadAllBytesAsync(blob, Ct);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, bytes, Ct);

        var server = await StartServerAsync(registry, Policies(("tampered", $"registry://{registry.Host}/policies/tampered:v1")));
        var response = await ResponseAsync(server, "tampered");

        Assert.False((bool)response["allowed"]!);
        Assert.Contains("not the manifest's", (string)response["status"]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("refusing it", (string)response["status"]!["message"]!, StringComparison.Ordinal);
        var attempts = registry.CountRequests("GET", "/v2/policies/tampered/manifests/v1");
        // The first background retry would come after 1 s.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        Assert.Equal(attempts, registry.CountRequests("GET", "/v2/policies/tampered/manifests/v1"));
    }

    [Fact]
    public async Task RefusedCredentials_AnswerA401MessageNamingTheDockerConfig()
    {
        var registry = await StartRegistryAsync(new RegistryServerOptions { Htpasswd = User });
        await PushAsync(registry, "private/accept:v1", ServerPolicies.Accepting(), DockerConfig("push", registry, User.Password));
        var wrong = DockerConfig("wrong", registry, "wrong password");

        var server = await StartServerAsync(registry, Policies(("private", $"registry://{registry.Host}/private/accept:v1")),
            extra: ["--docker-config-json-path", Path.GetDirectoryName(wrong)!]);
        var message = (string)(await ResponseAsync(server, "private"))["status"]!["message"]!;

        Assert.Contains($"401 Unauthorized from registry {registry.Host}", message, StringComparison.Ordinal);
        Assert.Contains($"the credentials for {registry.Host} from {wrong} were rejected", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRegistryCache_PullsDirectly_WithAWarning()
    {
        var registry = await StartRegistryAsync();
        await PushAsync(registry, "policies/accept:v1", ServerPolicies.Accepting());
        var logs = new CapturedLogs();
        var cache = $"http://127.0.0.1:{ChildProcesses.FreeLoopbackPort()}";

        var server = await StartServerAsync(registry, Policies(("cached", $"registry://{registry.Host}/policies/accept:v1")),
            extra: ["--registry-cache", cache], logs: logs);

        await AssertAcceptsAsync(server, "cached");
        var warning = Assert.Single(logs.Entries, e => e.EventId.Name == "RegistryCacheUnavailable");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"The registry cache {new Uri(cache).Authority} could not serve {registry.Host}/policies/accept:v1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThroughARegistryCache_TheCachePullsOnce_AndPoliciesServe()
    {
        var registry = await StartRegistryAsync();
        await PushAsync(registry, "policies/accept:v1", ServerPolicies.Accepting());
        var sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = ["registry-cache"] }, cancellationToken: Ct);
        _owned.Add(sidecar);
        var cache = await CacheProcess.StartAsync(sidecar.Endpoint, registry.Host, _directory, Ct);
        _owned.Add(cache);
        var policies = Policies(("one", $"registry://{registry.Host}/policies/accept:v1"), ("two", $"registry://{registry.Host}/policies/accept:v1"));
        string[] throughCache = ["--registry-cache", cache.BaseUri.ToString().TrimEnd('/'), "--docker-config-json-path", Path.Combine(_directory, "no-docker-config")];

        var first = await StartServerAsync(registry, policies, Path.Combine(_directory, "first"), extra: throughCache);
        var second = await StartServerAsync(registry, policies, Path.Combine(_directory, "second"), extra: throughCache);

        foreach (var server in new[] { first, second })
        {
            await AssertAcceptsAsync(server, "one");
            await AssertAcceptsAsync(server, "two");
        }

        // Two servers with empty stores pulled through the cache: the registry saw the layer once, from the cache.
        Assert.Equal(1, registry.CountRequests("GET", "/v2/policies/accept/blobs/"));
    }

    [Fact]
    public async Task CorpusPolicy_PushedWithOurClient_ServesByTagAndDigest()
    {
        Assert.SkipWhen(Conformance.Tests.Corpus.Root is null, Conformance.Tests.Corpus.AbsentReason);
        var registry = await StartRegistryAsync();
        var module = await File.ReadAllBytesAsync(Path.Combine(Conformance.Tests.Corpus.Root!, "safe-labels-tinygo-wapc", "annotated-policy.wasm"), Ct);
        var pinned = await PushAsync(registry, "kubewarden/safe-labels:v0.1.14", module);
        var settings = new JsonObject { ["denied_labels"] = new JsonArray("owner") };
        var policies = new JsonObject
        {
            ["by-tag"] = new JsonObject { ["module"] = $"registry://{registry.Host}/kubewarden/safe-labels:v0.1.14", ["settings"] = settings.DeepClone() },
            ["by-digest"] = new JsonObject { ["module"] = $"registry://{pinned}", ["settings"] = settings.DeepClone() },
        };

        var server = await StartServerAsync(registry, policies);

        foreach (var id in new[] { "by-tag", "by-digest" })
        {
            await AssertAcceptsAsync(server, id);
            var labelled = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","labels":{"owner":"team-a"}}}""";
            var (status, text, _) = await server.SendAsync($"/validate/{id}", Reviews.Pod($"uid-{id}-labelled", obj: labelled), Ct);
            Assert.Equal(200, status);
            Assert.False((bool)JsonNode.Parse(text)!["response"]!["allowed"]!);
        }
    }

    private async Task<RegistryServer> StartRegistryAsync(RegistryServerOptions? options = null)
    {
        var registry = await RegistryServer.StartAsync(options, Ct);
        _owned.Add(registry);
        return registry;
    }

    /// <summary>Pushes with our client and returns the pinned <c>host/repo@sha256:…</c> reference.</summary>
    private async Task<string> PushAsync(RegistryServer registry, string repositoryAndTag, byte[] module, string? dockerConfig = null)
    {
        using var client = new OciRegistryClient(
            new OciClientOptions { Sources = Insecure(registry), DockerConfigPath = dockerConfig ?? Path.Combine(_directory, "no-docker-config") },
            NullLogger<OciRegistryClient>.Instance);
        return await client.PushAsync(OciReference.Parse($"{registry.Host}/{repositoryAndTag}"), module, Ct);
    }

    private async Task<PolicyServerInstance> StartServerAsync(
        RegistryServer registry, JsonObject policies, string? downloads = null, PolicyServerInstance? server = null,
        string[]? extra = null, CapturedLogs? logs = null)
    {
        if (server is null)
        {
            server = new PolicyServerInstance();
            _owned.Add(server);
        }

        if (downloads is not null)
        {
            server.DownloadDirectory = downloads;
        }

        var sources = Path.Combine(server.Root, "sources.yml");
        await File.WriteAllTextAsync(sources, $"insecure_sources: [\"{registry.Host}\"]", Ct);
        server.WritePolicies(policies);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string[] args = ["--sources-path", sources, .. extra ?? ["--docker-config-json-path", Path.Combine(_directory, "no-docker-config")]];
        await server.StartAsync(server.DefaultArgs(clientCa: true, args), timeout.Token,
            configure: logs is null ? null : builder => builder.Logging.AddProvider(logs));
        return server;
    }

    private static JsonObject Policies(params (string Id, string Module)[] entries)
    {
        var policies = new JsonObject();
        foreach (var (id, module) in entries)
        {
            policies[id] = new JsonObject { ["module"] = module };
        }

        return policies;
    }

    private static async Task AssertAcceptsAsync(PolicyServerInstance server, string id)
    {
        var (status, text, _) = await server.SendAsync($"/validate/{id}", Reviews.Pod($"uid-{id}"), Ct);
        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted($"uid-{id}"), text, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> ResponseAsync(PolicyServerInstance server, string id)
    {
        var (status, text, _) = await server.SendAsync($"/validate/{id}", Reviews.Pod($"uid-{id}"), Ct);
        Assert.Equal(200, status);
        return JsonNode.Parse(text)!["response"]!;
    }

    private static SourcesConfig Insecure(RegistryServer registry) => SourcesConfigLoader.Parse($"insecure_sources: [\"{registry.Host}\"]");

    private string DockerConfig(string name, RegistryServer registry, string password)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User.Username}:{password}"));
        var path = Path.Combine(directory, "config.json");
        File.WriteAllText(path, "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + auth + "\"}}}");
        return path;
    }

    private static string Digest(string pinned) => pinned[(pinned.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
