using System.Net;
using System.Security.Cryptography;
using Kubewarden.Dapr.LocalSidecar;
using Kubewarden.Oci;
using Kubewarden.Oci.Tests.Registry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.RegistryCache.Tests;

/// <summary>
/// The registry-cache executable between OCI clients and a real upstream registry (docker-registry), its store in a
/// local Dapr sidecar on disk; upstream requests are counted from the registry's access log.
/// </summary>
public sealed class PullThroughTests : IAsyncLifetime
{
    private const string Repository = "kubewarden/no-privileged-pods";
    private const string Tag = "v1.0.0";

    private static readonly byte[] Module = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "no-privileged-pods.wasm"));

    private readonly string _directory = Directory.CreateTempSubdirectory("kw-registry-cache-").FullName;
    private RegistryServer _registry = null!;
    private LocalDaprSidecar _sidecar = null!;
    private string _pushed = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LayerDigest => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Module));

    private string StateDirectory => Path.Combine(_directory, "state");

    private string UpstreamBlobPath => $"/v2/{Repository}/blobs/{LayerDigest}";

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(cancellationToken: Ct);
        using var client = Client(_registry.Host);
        _pushed = await client.PushAsync(OciReference.Parse($"{_registry.Host}/{Repository}:{Tag}"), Module, Ct);
        _sidecar = await StartSidecarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PullThroughTheCache_GivesTheUpstreamBytesAndDigests()
    {
        await using var cache = await StartCacheAsync();
        using var client = Client(cache.Host);

        var pulled = await client.PullToFileAsync(ThroughCache(cache), Path.Combine(_directory, "by-tag.wasm"), Ct);
        var byDigest = await client.PullToFileAsync(ThroughCache(cache, ManifestDigest), Path.Combine(_directory, "by-digest.wasm"), Ct);

        Assert.Equal(Module, await File.ReadAllBytesAsync(pulled.FilePath, Ct));
        Assert.Equal(Module, await File.ReadAllBytesAsync(byDigest.FilePath, Ct));
        Assert.Equal(ManifestDigest, pulled.ManifestDigest);
        Assert.Equal(LayerDigest, pulled.LayerDigest);
        Assert.Equal("no-privileged-pods", pulled.Annotations["io.kubewarden.policy.title"]);
        Assert.Equal(1, _registry.CountRequests("GET", UpstreamBlobPath));
    }

    [Fact]
    public async Task AModuleLargerThanOneStoreEntry_PullsThroughWhole()
    {
        var large = WithPadding(Module, (int)(3.5 * 1024 * 1024));
        using (var upstream = Client(_registry.Host))
        {
            await upstream.PushAsync(OciReference.Parse($"{_registry.Host}/large/policy:v1"), large, Ct);
        }

        await using var cache = await StartCacheAsync();
        using var client = Client(cache.Host);

        var pulled = await client.PullToFileAsync(OciReference.Parse($"{cache.Host}/{_registry.Host}/large/policy:v1"), Path.Combine(_directory, "large.wasm"), Ct);
        var again = await client.PullToFileAsync(OciReference.Parse($"{cache.Host}/{_registry.Host}/large/policy:v1"), Path.Combine(_directory, "large-again.wasm"), Ct);

        Assert.Equal(large, await File.ReadAllBytesAsync(pulled.FilePath, Ct));
        Assert.Equal(large, await File.ReadAllBytesAsync(again.FilePath, Ct));
        Assert.Equal(1, _registry.CountRequests("GET", $"/v2/large/policy/blobs/{pulled.LayerDigest}"));
    }

    [Fact]
    public async Task FiftyConcurrentPulls_MakeOneUpstreamBlobGet()
    {
        await using var cache = await StartCacheAsync();
        using var client = Client(cache.Host);

        var pulls = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PullToFileAsync(ThroughCache(cache), Path.Combine(_directory, $"pull-{i}.wasm"), Ct)));

        Assert.All(pulls, pull => Assert.Equal(LayerDigest, pull.LayerDigest));
        Assert.Equal(Module, await File.ReadAllBytesAsync(pulls[^1].FilePath, Ct));
        Assert.Equal(1, _registry.CountRequests("GET", UpstreamBlobPath));
        using var http = new HttpClient { BaseAddress = cache.BaseUri };
        var metrics = await http.GetStringAsync("/metrics", Ct);
        Assert.Equal(1, Sample(metrics, "registry_cache_upstream_pulls_total", "kind=\"blob\""));
        Assert.Equal(50, Sample(metrics, "registry_cache_misses_total", "kind=\"blob\"") + Sample(metrics, "registry_cache_hits_total", "kind=\"blob\""));
        Assert.True(Sample(metrics, "registry_cache_served_bytes_total") >= 50 * Module.Length);
    }

    [Fact]
    public async Task AnUpstreamTheCacheIsNotConfiguredFor_IsNameUnknown()
    {
        await using var cache = await StartCacheAsync();
        using var http = new HttpClient { BaseAddress = cache.BaseUri };

        using var response = await http.GetAsync($"/v2/registry.example.com/{Repository}/manifests/{Tag}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"code\":\"NAME_UNKNOWN\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableUpstream_IsBadGatewayNamingIt()
    {
        var unreachable = "127.0.0.1:9";
        await using var cache = await CacheProcess.StartAsync(_sidecar.Endpoint, unreachable, _directory, Ct);
        using var http = new HttpClient { BaseAddress = cache.BaseUri };

        using var response = await http.GetAsync($"/v2/{unreachable}/{Repository}/manifests/{Tag}", Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains($"could not reach https://{unreachable}/v2/", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoCachesOnOneSidecar_PullTheBlobUpstreamOnce()
    {
        await using var first = await StartCacheAsync();
        await using var second = await StartCacheAsync();
        using var firstClient = Client(first.Host);
        using var secondClient = Client(second.Host);

        await firstClient.PullToFileAsync(ThroughCache(first), Path.Combine(_directory, "first.wasm"), Ct);
        var pulled = await secondClient.PullToFileAsync(ThroughCache(second), Path.Combine(_directory, "second.wasm"), Ct);

        Assert.Equal(Module, await File.ReadAllBytesAsync(pulled.FilePath, Ct));
        Assert.Equal(1, _registry.CountRequests("GET", UpstreamBlobPath));
    }

    [Fact]
    public async Task ARestartedCacheAndSidecar_ServeFromTheStoreWithoutGoingUpstream()
    {
        await using (var cache = await StartCacheAsync())
        {
            using var client = Client(cache.Host);
            await client.PullToFileAsync(ThroughCache(cache, ManifestDigest), Path.Combine(_directory, "before.wasm"), Ct);
        }

        await _sidecar.DisposeAsync();
        _sidecar = await StartSidecarAsync();
        var upstreamRequests = _registry.CountRequests("GET", $"/v2/{Repository}/");
        await using (var restarted = await StartCacheAsync())
        {
            using var client = Client(restarted.Host);
            var pulled = await client.PullToFileAsync(ThroughCache(restarted, ManifestDigest), Path.Combine(_directory, "after.wasm"), Ct);

            Assert.Equal(Module, await File.ReadAllBytesAsync(pulled.FilePath, Ct));
        }

        Assert.Equal(upstreamRequests, _registry.CountRequests("GET", $"/v2/{Repository}/"));
    }

    [Fact]
    public async Task ATamperedUpstreamBlob_IsRefusedAsDigestInvalidAndNotStored()
    {
        var blob = _registry.BlobDataPath(LayerDigest);
        var tampered = (byte[])Module.Clone();
        tampered[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, tampered, Ct);
        await using var cache = await StartCacheAsync();
        using var http = new HttpClient { BaseAddress = cache.BaseUri };

        foreach (var attempt in new[] { 1, 2 })
        {
            using var response = await http.GetAsync($"/v2/{_registry.Host}/{Repository}/blobs/{LayerDigest}", Ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"code\":\"DIGEST_INVALID\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(attempt, _registry.CountRequests("GET", UpstreamBlobPath));
        }
    }

    /// <summary><paramref name="module"/> with a custom section of <paramref name="bytes"/> zero bytes appended: still valid Wasm.</summary>
    private static byte[] WithPadding(byte[] module, int bytes)
    {
        byte[] name = [(byte)'p', (byte)'a', (byte)'d'];
        var content = Leb128(name.Length).Concat(name).Concat(new byte[bytes]).ToArray();
        return [.. module, 0x00, .. Leb128(content.Length), .. content];
    }

    private static IEnumerable<byte> Leb128(int value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            yield return value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
    }

    /// <summary>The value of the Prometheus sample <paramref name="name"/> whose labels include <paramref name="label"/>; 0 when absent.</summary>
    private static double Sample(string metrics, string name, string label = "") =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();

    private string ManifestDigest => _pushed[(_pushed.IndexOf('@', StringComparison.Ordinal) + 1)..];

    private OciReference ThroughCache(CacheProcess cache, string? digest = null) =>
        OciReference.Parse($"registry://{cache.Host}/{_registry.Host}/{Repository}{(digest is null ? ":" + Tag : "@" + digest)}");

    private Task<CacheProcess> StartCacheAsync() => CacheProcess.StartAsync(_sidecar.Endpoint, _registry.Host, _directory, Ct);

    private Task<LocalDaprSidecar> StartSidecarAsync() =>
        LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions { StateStores = ["registry-cache"], StateDirectory = StateDirectory }, cancellationToken: Ct);

    private OciRegistryClient Client(string insecureHost) =>
        new(new OciClientOptions
        {
            Sources = SourcesConfigLoader.Parse($"insecure_sources: [\"{insecureHost}\"]"),
            DockerConfigPath = Path.Combine(_directory, "no-docker-config", "config.json"),
        }, NullLogger<OciRegistryClient>.Instance);
}
