namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary>The 60 s cache of verified digests.</summary>
public sealed class SigstoreVerifyCacheTests : SigstoreVerifyTestBase
{
    [Fact]
    public async Task PubKey_VerifiedImage_IsAnsweredFromTheCacheFor60Seconds()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(Key));
        var payload = PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]);
        var signatureManifest = $"/v2/app/manifests/{digest.Replace(':', '-')}.sig";

        Assert.True((await CallAsync(V2, payload)).Succeeded);
        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await CallAsync(V2, payload)).Succeeded);
        Assert.Equal(1, Server.CountRequests("GET", signatureManifest));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await CallAsync(V2, payload)).Succeeded);
        Assert.Equal(2, Server.CountRequests("GET", signatureManifest));
    }

    [Fact]
    public async Task PubKey_Failure_IsNotCached()
    {
        var digest = await Cosign.PushImageAsync("app", "v1");
        var payload = PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]);
        Assert.False((await CallAsync(V2, payload)).Succeeded);

        await Cosign.PushSignaturesAsync("app", digest, new TestSignature(Key));

        Assert.True((await CallAsync(V2, payload)).Succeeded);
    }

    [Fact]
    public async Task PubKey_CacheIsKeyedByAnnotations()
    {
        await PushSignedImageAsync("app", new TestSignature(Key));
        Assert.True((await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]))).Succeeded);

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.False(result.Succeeded);
    }
}
