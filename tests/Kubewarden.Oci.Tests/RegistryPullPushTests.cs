using System.Text;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.Oci.Tests;

public sealed class RegistryPullPushTests : IAsyncLifetime
{
    private readonly string _downloads = Directory.CreateTempSubdirectory("kw-oci-pull-").FullName;
    private RegistryServer _registry = null!;
    private OciRegistryClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _client = TestPolicies.Client(TestPolicies.Insecure(_registry.Host));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task PushedPolicyPullsBackByTagAndByDigest()
    {
        var ct = TestContext.Current.CancellationToken;
        var module = TestPolicies.NoPrivilegedPods;

        var pushed = await _client.PushAsync(OciReference.Parse($"registry://{_registry.Host}/kubewarden/no-privileged-pods:v1.0.0"), module, ct);

        Assert.StartsWith($"{_registry.Host}/kubewarden/no-privileged-pods@sha256:", pushed, StringComparison.Ordinal);
        var byTag = await _client.PullToFileAsync(OciReference.Parse($"registry://{_registry.Host}/kubewarden/no-privileged-pods:v1.0.0"),
            Path.Combine(_downloads, "by-tag.wasm"), ct);
        var byDigest = await _client.PullToFileAsync(OciReference.Parse(pushed), Path.Combine(_downloads, "by-digest.wasm"), ct);

        Assert.Equal(module, await File.ReadAllBytesAsync(byTag.FilePath, ct));
        Assert.Equal(module, await File.ReadAllBytesAsync(byDigest.FilePath, ct));
        Assert.Equal(pushed[(pushed.IndexOf('@', StringComparison.Ordinal) + 1)..], byTag.ManifestDigest);
        Assert.Equal(byTag.ManifestDigest, byDigest.ManifestDigest);
        Assert.Equal(OciDigest.Of(module), byTag.LayerDigest);
        Assert.Equal(module.Length, byTag.Size);
        Assert.Equal("no-privileged-pods", byTag.Annotations["io.kubewarden.policy.title"]);
        Assert.Contains("io.kubewarden.policy.description", byDigest.Annotations.Keys);
        Assert.Equal(1, _registry.CountRequests("PUT", "/v2/kubewarden/no-privileged-pods/manifests/v1.0.0"));
        Assert.Equal(2, _registry.CountRequests("GET", $"/v2/kubewarden/no-privileged-pods/blobs/{byTag.LayerDigest}"));
    }

    [Fact]
    public async Task RepushingSkipsBlobsTheRegistryHas()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = OciReference.Parse($"{_registry.Host}/again:v1");

        var first = await _client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var second = await _client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);

        Assert.Equal(first, second);
        Assert.Equal(2, _registry.CountRequests("POST", "/v2/again/blobs/uploads/"));
    }

    [Fact]
    public async Task MissingTagMeansLatest()
    {
        var ct = TestContext.Current.CancellationToken;
        await _client.PushAsync(OciReference.Parse($"{_registry.Host}/policy"), TestPolicies.NoPrivilegedPods, ct);

        var pulled = await _client.PullToFileAsync(OciReference.Parse($"registry://{_registry.Host}/policy:latest"), Path.Combine(_downloads, "p.wasm"), ct);

        Assert.Equal("latest", pulled.Reference.Tag);
        Assert.Equal(1, _registry.CountRequests("PUT", "/v2/policy/manifests/latest"));
    }

    [Fact]
    public async Task TamperedLayerIsRefusedAndNothingIsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = OciReference.Parse($"{_registry.Host}/tampered:v1");
        await _client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var blob = _registry.BlobDataPath(OciDigest.Of(TestPolicies.NoPrivilegedPods));
        var bytes = await File.ReadAllBytesAsync(blob, ct);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(blob, bytes, ct);

        var error = await Assert.ThrowsAsync<OciDigestMismatchException>(
            () => _client.PullToFileAsync(reference, Path.Combine(_downloads, "tampered.wasm"), ct));

        Assert.Contains($"not the manifest's {OciDigest.Of(TestPolicies.NoPrivilegedPods)}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_downloads));
    }

    [Fact]
    public async Task TamperedManifestIsRefusedWhenPinnedByDigest()
    {
        var ct = TestContext.Current.CancellationToken;
        var pushed = await _client.PushAsync(OciReference.Parse($"{_registry.Host}/pinned:v1"), TestPolicies.NoPrivilegedPods, ct);
        var manifestDigest = pushed[(pushed.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var path = _registry.BlobDataPath(manifestDigest);
        var text = await File.ReadAllTextAsync(path, ct);
        await File.WriteAllTextAsync(path, text.Replace("no-privileged-pods", "no-privileged-podz", StringComparison.Ordinal), ct);

        var error = await Assert.ThrowsAsync<OciDigestMismatchException>(
            () => _client.PullToFileAsync(OciReference.Parse(pushed), Path.Combine(_downloads, "pinned.wasm"), ct));

        Assert.Contains($"not the requested {manifestDigest}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_downloads));
    }

    [Fact]
    public async Task ManifestWithoutLayersIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var writer = new RawRegistryWriter(_registry);
        var config = await writer.PutBlobAsync("empty", "{}"u8.ToArray());
        await writer.PutManifestAsync("empty", "v1",
            $$"""{"schemaVersion":2,"mediaType":"{{OciMediaTypes.OciManifest}}","config":{"mediaType":"{{OciMediaTypes.WasmConfig}}","digest":"{{config}}","size":2},"layers":[]}""");

        var error = await Assert.ThrowsAsync<OciRegistryException>(
            () => _client.PullToFileAsync(OciReference.Parse($"registry://{_registry.Host}/empty:v1"), Path.Combine(_downloads, "e.wasm"), ct));

        Assert.Equal($"could not pull policy registry://{_registry.Host}/empty:v1: empty layers", error.Message);
    }

    [Fact]
    public async Task LayerOfAnotherMediaTypeIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var writer = new RawRegistryWriter(_registry);
        var config = await writer.PutBlobAsync("image", "{}"u8.ToArray());
        var layerBytes = Encoding.UTF8.GetBytes("not a policy");
        var layer = await writer.PutBlobAsync("image", layerBytes);
        await writer.PutManifestAsync("image", "v1",
            $$"""{"schemaVersion":2,"mediaType":"{{OciMediaTypes.OciManifest}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{config}}","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{layer}}","size":{{layerBytes.Length}}}]}""");

        var error = await Assert.ThrowsAsync<OciRegistryException>(
            () => _client.PullToFileAsync(OciReference.Parse($"{_registry.Host}/image:v1"), Path.Combine(_downloads, "i.wasm"), ct));

        Assert.Contains($"no layer has media type {OciMediaTypes.WasmLayer} (found application/vnd.oci.image.layer.v1.tar+gzip)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_downloads));
    }

    [Fact]
    public async Task LowLevelReads_GiveTheManifestAsServedAndTheBlobBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = OciReference.Parse($"{_registry.Host}/raw/reads:v1");
        var pushed = OciReference.Parse(await _client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct));

        var byTag = await _client.GetManifestAsync(reference, ct);
        var byDigest = await _client.GetManifestAsync(pushed, ct);
        await using var blob = await _client.OpenBlobAsync(reference, OciDigest.Of(TestPolicies.NoPrivilegedPods), ct);
        using var bytes = new MemoryStream();
        await blob.CopyToAsync(bytes, ct);

        Assert.Equal(pushed.Digest, byTag.Digest);
        Assert.Equal(OciMediaTypes.OciManifest, byTag.MediaType);
        Assert.Equal(OciDigest.Of(byTag.Content), byTag.Digest);
        Assert.Equal(byTag.Content, byDigest.Content);
        Assert.Equal(TestPolicies.NoPrivilegedPods, bytes.ToArray());
    }

    [Fact]
    public async Task LowLevelReadsOfMissingContent_AreNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var reference = OciReference.Parse($"{_registry.Host}/raw/missing:v1");

        await Assert.ThrowsAsync<OciNotFoundException>(() => _client.GetManifestAsync(reference, ct));
        var error = await Assert.ThrowsAsync<OciNotFoundException>(() => _client.OpenBlobAsync(reference, OciDigest.Of([1, 2, 3]), ct));

        Assert.Contains($"has no blob {OciDigest.Of([1, 2, 3])} in raw/missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTagSaysSo()
    {
        var error = await Assert.ThrowsAsync<OciNotFoundException>(() => _client.PullToFileAsync(
            OciReference.Parse($"{_registry.Host}/nothing:v9"), Path.Combine(_downloads, "n.wasm"), TestContext.Current.CancellationToken));

        Assert.Contains("has no manifest v9 in nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpRegistryIsNotUsedUnlessInsecure()
    {
        using var secureOnly = TestPolicies.Client();

        var error = await Assert.ThrowsAsync<OciRegistryException>(() => secureOnly.PullToFileAsync(
            OciReference.Parse($"{_registry.Host}/policy:v1"), Path.Combine(_downloads, "s.wasm"), TestContext.Current.CancellationToken));

        Assert.StartsWith($"could not reach https://{_registry.Host}/v2/: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"list {_registry.Host} in insecure_sources", error.Message, StringComparison.Ordinal);
    }
}
