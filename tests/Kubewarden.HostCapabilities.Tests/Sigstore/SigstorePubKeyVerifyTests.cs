namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary><c>SigstorePubKeyVerify</c> (v1 and v2 envelopes) against cosign signatures in a real registry.</summary>
public sealed class SigstorePubKeyVerifyTests : SigstoreVerifyTestBase
{
    [Fact]
    public async Task V2PubKey_SignedImage_IsTrustedWithItsDigest()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(Key));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task V1PubKey_SignedImage_IsTrustedWithItsDigest()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(Key));
        var payload = new JsonObject
        {
            ["SigstorePubKeyVerify"] = new JsonObject
            {
                ["image"] = $"{Server.Host}/app:v1",
                ["pub_keys"] = new JsonArray(Pem(Key)),
                ["annotations"] = null,
            },
        };

        var result = await CallAsync(V1, payload);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task PubKey_ImagePinnedByDigest_IsTrusted()
    {
        var digest = await PushSignedImageAsync("pinned", new TestSignature(Key));

        var result = await CallAsync(V2, PubKeyV2($"registry://{Server.Host}/pinned@{digest}", [Pem(Key)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains(digest, Encoding.UTF8.GetString(result.Payload.Span), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p384")]
    [InlineData("rsa")]
    public async Task PubKey_OtherKeyTypes_AreTrusted(string keyType)
    {
        using AsymmetricAlgorithm key = keyType == "rsa" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP384);
        await PushSignedImageAsync("app", new TestSignature(key));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(key)]));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task PubKey_WrongKey_FailsNamingTheUnsatisfiedKey()
    {
        await PushSignedImageAsync("app", new TestSignature(OtherKey));
        var pem = Pem(Key);

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [pem]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(pem, "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_UnsignedImage_FailsWithNoSignaturesFound()
    {
        await Cosign.PushImageAsync("unsigned", "v1");

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/unsigned:v1", [Pem(Key)]));

        Assert.False(result.Succeeded);
        Assert.Equal($"Callback evaluation failure: no signatures found for image: {Server.Host}/unsigned:v1 ", result.Error);
    }

    [Fact]
    public async Task PubKey_SignatureOverAnotherDigest_Fails()
    {
        var other = await Cosign.PushImageAsync("app", "other");
        await PushSignedImageAsync("app", new TestSignature(Key, SignedDigest: other));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]));

        Assert.False(result.Succeeded);
        Assert.StartsWith(MissingSignatures, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_RequiredAnnotationsPresent_IsTrusted()
    {
        await PushSignedImageAsync("app", new TestSignature(Key, Optional: new Dictionary<string, string> { ["env"] = "prod", ["team"] = "a" }));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.True(result.Succeeded, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("staging")]
    public async Task PubKey_RequiredAnnotationMissingOrDifferent_Fails(string? signedEnv)
    {
        var optional = signedEnv is null ? null : new Dictionary<string, string> { ["env"] = signedEnv };
        await PushSignedImageAsync("app", new TestSignature(Key, Optional: optional));
        var pem = Pem(Key);

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [pem], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(pem, "annotations:\n  env: prod\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_TwoKeysOnlyOneSigned_FailsNamingTheOther()
    {
        await PushSignedImageAsync("app", new TestSignature(Key));
        var otherPem = Pem(OtherKey);

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key), otherPem]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(otherPem, "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_TwoKeysBothSigned_IsTrusted()
    {
        await PushSignedImageAsync("app", new TestSignature(Key), new TestSignature(OtherKey));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key), Pem(OtherKey)]));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task PubKey_NotAPublicKey_CountsAsMissingSignature()
    {
        await PushSignedImageAsync("app", new TestSignature(Key));

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", ["not a key"]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml("not a key", "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_EmptyKeyList_IsRefused()
    {
        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", []));

        Assert.Equal("Callback evaluation failure: Must provide at least one pub key", result.Error);
    }

    [Fact]
    public async Task PubKey_InvalidImageReference_Fails()
    {
        var result = await CallAsync(V2, PubKeyV2("registry://UPPER/Case:v1", [Pem(Key)]));

        Assert.StartsWith("Callback evaluation failure: Verification only works with OCI images: Not a valid oci image: invalid registry reference",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_RegistryDown_FailsWithoutThrowing()
    {
        await PushSignedImageAsync("app", new TestSignature(Key));
        await Server.StopAsync();

        var result = await CallAsync(V2, PubKeyV2($"{Server.Host}/app:v1", [Pem(Key)]));

        Assert.False(result.Succeeded);
        Assert.StartsWith($"Callback evaluation failure: failed to get image trusted layers: could not reach", result.Error, StringComparison.Ordinal);
    }
}
