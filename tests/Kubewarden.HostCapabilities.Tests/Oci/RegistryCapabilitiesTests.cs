using System.Text.Json.Nodes;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Oci;
using Kubewarden.Oci;
using Kubewarden.Oci.Tests.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kubewarden.HostCapabilities.Tests.Oci;

/// <summary>
/// <c>oci/v1/manifest_digest</c>, <c>oci_manifest</c> and <c>oci_manifest_config</c> against a real registry (Debian's
/// docker-registry, plain HTTP, an insecure source) holding images the test pushed with its own bytes.
/// </summary>
public sealed class RegistryCapabilitiesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly string _noDockerConfig = Path.Combine(Path.GetTempPath(), $"kw-hc-no-docker-config-{Guid.NewGuid():N}");
    private RegistryServer _registry = null!;
    private OciRegistryClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _client = NewClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task ManifestDigest_AnswersTheDigestOfThePushedManifest()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);

        var answer = DigestHandler().Call($"\"{_registry.Host}/team/app:v1\"").Answer();

        Assert.Equal($$"""{"digest":"{{image.ManifestDigest}}"}""", answer);
    }

    [Fact]
    public async Task ManifestDigest_OfAnIndex_IsTheIndexDigest()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/multi", "amd", RunningPlatform.Architecture);
        var (_, indexDigest) = await TestImages.PushIndexAsync(_registry, "team/multi", "v1", (image, RunningPlatform.Architecture));

        var answer = DigestHandler().Call($"\"{_registry.Host}/team/multi:v1\"").Answer();

        Assert.Equal($$"""{"digest":"{{indexDigest}}"}""", answer);
    }

    [Fact]
    public async Task OciManifest_AnswersTheManifestBytesAsPushed_ForAnImageAndForAnIndex()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);
        var (index, _) = await TestImages.PushIndexAsync(_registry, "team/app", "multi", (image, RunningPlatform.Architecture));
        var handler = ManifestHandler();

        Assert.Equal(image.ManifestJson, handler.Call($"\"{_registry.Host}/team/app:v1\"").Answer());
        Assert.Equal(index, handler.Call($"\"{_registry.Host}/team/app:multi\"").Answer());
        Assert.Equal(image.ManifestJson, handler.Call($"\"{_registry.Host}/team/app@{image.ManifestDigest}\"").Answer());
    }

    [Fact]
    public async Task OciManifestConfig_OfAnImage_AnswersItsManifestDigestAndConfig()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);

        var answer = JsonNode.Parse(ConfigHandler().Call($"\"{_registry.Host}/team/app:v1\"").Answer())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(image.ManifestJson), answer["manifest"]));
        Assert.Equal(image.ManifestDigest, (string)answer["digest"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(image.ConfigJson), answer["config"]));
        Assert.Equal(3, answer.AsObject().Count);
    }

    [Fact]
    public async Task OciManifestConfig_OfAnIndex_AnswersTheRunningPlatformsImage()
    {
        var other = await TestImages.PushImageAsync(_registry, "team/multi", "other", OtherArchitecture);
        var ours = await TestImages.PushImageAsync(_registry, "team/multi", "ours", RunningPlatform.Architecture);
        await TestImages.PushIndexAsync(_registry, "team/multi", "v1", (other, OtherArchitecture), (ours, RunningPlatform.Architecture));

        var answer = JsonNode.Parse(ConfigHandler().Call($"\"{_registry.Host}/team/multi:v1\"").Answer())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ours.ManifestJson), answer["manifest"]));
        Assert.Equal(ours.ManifestDigest, (string)answer["digest"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ours.ConfigJson), answer["config"]));
    }

    [Fact]
    public async Task OciManifestConfig_OfAnIndexWithoutTheRunningPlatform_IsAHostError()
    {
        var other = await TestImages.PushImageAsync(_registry, "team/foreign", "other", OtherArchitecture);
        await TestImages.PushIndexAsync(_registry, "team/foreign", "v1", (other, OtherArchitecture));

        var error = ConfigHandler().Call($"\"{_registry.Host}/team/foreign:v1\"").Failure();

        Assert.Equal($"Callback evaluation failure: the image index of {_registry.Host}/team/foreign:v1 has no entry for the platform linux/{RunningPlatform.Architecture}", error);
    }

    [Fact]
    public async Task UnknownImage_IsAHostErrorNamingWhatIsMissing()
    {
        await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);

        foreach (var handler in AllHandlers())
        {
            var error = handler.Call($"\"{_registry.Host}/team/app:v9\"").Failure();

            Assert.StartsWith("Callback evaluation failure: could not fetch registry://", error, StringComparison.Ordinal);
            Assert.Contains("the registry has no manifest v9 in team/app", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegistryDown_IsAHostError_NotACrash()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);
        var handler = DigestHandler();
        handler.Call($"\"{_registry.Host}/team/app:v1\"").Answer();
        await _registry.StopAsync();

        var afterContact = handler.Call($"\"{_registry.Host}/team/app@{image.ManifestDigest}\"").Failure();
        using var freshClient = NewClient();
        var neverContacted = new ManifestDigestHandler(freshClient, _clock, NullLogger<ManifestDigestHandler>.Instance)
            .Call($"\"{_registry.Host}/team/app:v1\"").Failure();

        Assert.StartsWith($"Callback evaluation failure: could not query the registry for {_registry.Host}/team/app@{image.ManifestDigest}: ", afterContact, StringComparison.Ordinal);
        Assert.Contains("Connection refused", afterContact, StringComparison.Ordinal);
        Assert.StartsWith($"Callback evaluation failure: could not reach https://{_registry.Host}/v2/", neverContacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_AreReusedFor60Seconds_WithoutAskingTheRegistry()
    {
        await TestImages.PushImageAsync(_registry, "team/app", "v1", RunningPlatform.Architecture);
        var handlers = AllHandlers();
        var payload = $"\"{_registry.Host}/team/app:v1\"";
        var first = handlers.Select(h => h.Call(payload).Answer()).ToList();
        await _registry.StopAsync();

        _clock.Advance(TimeSpan.FromSeconds(59));
        var cached = handlers.Select(h => h.Call(payload).Answer()).ToList();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var expired = handlers.Select(h => h.Call(payload).Failure()).ToList();

        Assert.Equal(first, cached);
        Assert.All(expired, e => Assert.Contains("Connection refused", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failures_AreNotCached()
    {
        var handler = DigestHandler();
        var payload = $"\"{_registry.Host}/team/late:v1\"";
        handler.Call(payload).Failure();

        var image = await TestImages.PushImageAsync(_registry, "team/late", "v1", RunningPlatform.Architecture);

        Assert.Equal($$"""{"digest":"{{image.ManifestDigest}}"}""", handler.Call(payload).Answer());
    }

    [Theory]
    [InlineData("{\"image\":\"busybox\"}")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("\"unterminated")]
    public void MalformedPayload_IsAHostErrorSayingAnImageStringIsExpected(string payload)
    {
        var error = DigestHandler().Call(payload).Failure();

        Assert.StartsWith("the payload of oci/v1/manifest_digest must be a JSON string naming an image, e.g. \"ghcr.io/", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedReference_IsAHostError()
    {
        var error = DigestHandler().Call("\"registry.example.com/Upper Case:tag\"").Failure();

        Assert.StartsWith("Callback evaluation failure: ", error, StringComparison.Ordinal);
        Assert.Contains("Upper Case", error, StringComparison.Ordinal);
    }

    /// <summary>The architecture of an index entry the running platform must not pick.</summary>
    private static string OtherArchitecture => RunningPlatform.Architecture == "arm64" ? "amd64" : "arm64";

    private ManifestDigestHandler DigestHandler() => new(_client, _clock, NullLogger<ManifestDigestHandler>.Instance);

    private OciManifestHandler ManifestHandler() => new(_client, _clock, NullLogger<OciManifestHandler>.Instance);

    private OciManifestConfigHandler ConfigHandler() => new(_client, _clock, NullLogger<OciManifestConfigHandler>.Instance);

    private OciRegistryClient NewClient() => new(
        new OciClientOptions { Sources = SourcesConfigLoader.Parse($"insecure_sources: [\"{_registry.Host}\"]"), DockerConfigPath = _noDockerConfig },
        NullLogger<OciRegistryClient>.Instance);

    /// <summary>One handler of each registry capability, sharing the test's client and clock.</summary>
    private IHostCapabilityHandler[] AllHandlers() => [DigestHandler(), ManifestHandler(), ConfigHandler()];
}
