using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Sigstore;
using Kubewarden.Oci;
using Kubewarden.Oci.Tests.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kubewarden.HostCapabilities.Tests.Sigstore;

public sealed class SigstoreVerifyTests : IAsyncLifetime
{
    private const string MissingSignatures =
        "Callback evaluation failure: Image verification failed: missing signatures\nThe following constraints were not satisfied:\n";

    private static readonly PolicyContext Policy = new("verifying-policy", HostCapabilityAllowList.AllowAll, []);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private RegistryServer _registry = null!;
    private CosignTestRegistry _cosign = null!;
    private OciRegistryClient _client = null!;
    private OciVerifyV1Handler _v1 = null!;
    private OciVerifyV2Handler _v2 = null!;

    public async ValueTask InitializeAsync()
    {
        RegistryServer.SkipUnlessInstalled();
        _registry = await RegistryServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _cosign = new CosignTestRegistry(_registry);
        _client = new OciRegistryClient(
            new OciClientOptions
            {
                Sources = SourcesConfigLoader.Parse($"insecure_sources: [\"{_registry.Host}\"]"),
                DockerConfigPath = Path.Combine(Path.GetTempPath(), "kw-sigstore-no-docker-config", "config.json"),
            },
            NullLogger<OciRegistryClient>.Instance);
        var service = new SigstoreVerificationService(_client, _time, NullLogger<SigstoreVerificationService>.Instance);
        _v1 = new OciVerifyV1Handler(service);
        _v2 = new OciVerifyV2Handler(service);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _cosign?.Dispose();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _key.Dispose();
        _otherKey.Dispose();
    }

    [Fact]
    public async Task V2PubKey_SignedImage_IsTrustedWithItsDigest()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(_key));

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task V1PubKey_SignedImage_IsTrustedWithItsDigest()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(_key));
        var payload = new JsonObject
        {
            ["SigstorePubKeyVerify"] = new JsonObject
            {
                ["image"] = $"{_registry.Host}/app:v1",
                ["pub_keys"] = new JsonArray(Pem(_key)),
                ["annotations"] = null,
            },
        };

        var result = await CallAsync(_v1, payload);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task PubKey_ImagePinnedByDigest_IsTrusted()
    {
        var digest = await PushSignedImageAsync("pinned", new TestSignature(_key));

        var result = await CallAsync(_v2, PubKeyV2($"registry://{_registry.Host}/pinned@{digest}", [Pem(_key)]));

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

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(key)]));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task PubKey_WrongKey_FailsNamingTheUnsatisfiedKey()
    {
        await PushSignedImageAsync("app", new TestSignature(_otherKey));
        var pem = Pem(_key);

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [pem]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(pem, "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_UnsignedImage_FailsWithNoSignaturesFound()
    {
        await _cosign.PushImageAsync("unsigned", "v1");

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/unsigned:v1", [Pem(_key)]));

        Assert.False(result.Succeeded);
        Assert.Equal($"Callback evaluation failure: no signatures found for image: {_registry.Host}/unsigned:v1 ", result.Error);
    }

    [Fact]
    public async Task PubKey_SignatureOverAnotherDigest_Fails()
    {
        var other = await _cosign.PushImageAsync("app", "other");
        await PushSignedImageAsync("app", new TestSignature(_key, SignedDigest: other));

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]));

        Assert.False(result.Succeeded);
        Assert.StartsWith(MissingSignatures, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_RequiredAnnotationsPresent_IsTrusted()
    {
        await PushSignedImageAsync("app", new TestSignature(_key, Optional: new Dictionary<string, string> { ["env"] = "prod", ["team"] = "a" }));

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.True(result.Succeeded, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("staging")]
    public async Task PubKey_RequiredAnnotationMissingOrDifferent_Fails(string? signedEnv)
    {
        var optional = signedEnv is null ? null : new Dictionary<string, string> { ["env"] = signedEnv };
        await PushSignedImageAsync("app", new TestSignature(_key, Optional: optional));
        var pem = Pem(_key);

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [pem], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(pem, "annotations:\n  env: prod\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_TwoKeysOnlyOneSigned_FailsNamingTheOther()
    {
        await PushSignedImageAsync("app", new TestSignature(_key));
        var otherPem = Pem(_otherKey);

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key), otherPem]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml(otherPem, "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_TwoKeysBothSigned_IsTrusted()
    {
        await PushSignedImageAsync("app", new TestSignature(_key), new TestSignature(_otherKey));

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key), Pem(_otherKey)]));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task PubKey_NotAPublicKey_CountsAsMissingSignature()
    {
        await PushSignedImageAsync("app", new TestSignature(_key));

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", ["not a key"]));

        Assert.False(result.Succeeded);
        Assert.Equal(MissingSignatures + PubKeyYaml("not a key", "annotations: null\n"), result.Error);
    }

    [Fact]
    public async Task PubKey_EmptyKeyList_IsRefused()
    {
        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", []));

        Assert.Equal("Callback evaluation failure: Must provide at least one pub key", result.Error);
    }

    [Fact]
    public async Task Certificate_SignedWithCertificateKeyAndChained_IsTrusted()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        var digest = await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(_v2, CertificateV2($"{_registry.Host}/app:v1", certificates.Signer, [certificates.Authority]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Certificate_WithoutChain_IsTrustedAsGiven()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(_v2, CertificateV2($"{_registry.Host}/app:v1", certificates.Signer, chain: null));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task Certificate_ChainOfAnotherAuthority_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        using var others = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(_v2, CertificateV2($"{_registry.Host}/app:v1", certificates.Signer, [others.Authority]));

        Assert.False(result.Succeeded);
        Assert.StartsWith("Callback evaluation failure: certificate rejected: it does not chain to certificate_chain", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_SignedByAnotherKey_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(_key));

        var result = await CallAsync(_v2, CertificateV2($"{_registry.Host}/app:v1", certificates.Signer, [certificates.Authority]));

        Assert.Equal("Callback evaluation failure: verification failed: Several Signature Layers failed verification", result.Error);
    }

    [Fact]
    public async Task Certificate_NotACodeSigningCertificate_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(_v2, CertificateV2($"{_registry.Host}/app:v1", certificates.Authority, chain: null));

        Assert.Equal("Callback evaluation failure: certificate rejected: it has no digital signature key usage", result.Error);
    }

    [Fact]
    public async Task Certificate_RequiringRekorBundle_IsNotAvailable()
    {
        using var certificates = TestCodeSigningCertificates.Create(_time.GetUtcNow());
        var payload = CertificateV2($"{_registry.Host}/app:v1", certificates.Signer, chain: null);
        payload["require_rekor_bundle"] = true;

        var result = await CallAsync(_v2, payload);

        Assert.StartsWith("Callback evaluation failure: Rekor bundle verification is not available in this policy-server: it has no Sigstore trust root",
            result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _registry.CountRequests("GET", "/v2/app/"));
    }

    public static TheoryData<string> KeylessPayloads => new()
    {
        """{"type":"SigstoreKeylessVerify","image":"IMAGE","keyless":[{"issuer":"https://token.actions.githubusercontent.com","subject":"me"}],"annotations":null}""",
        """{"type":"SigstoreKeylessPrefixVerify","image":"IMAGE","keyless_prefix":[{"issuer":"https://token.actions.githubusercontent.com","url_prefix":"https://github.com/kubewarden"}],"annotations":null}""",
        """{"type":"SigstoreGithubActionsVerify","image":"IMAGE","owner":"kubewarden","repo":null,"annotations":null}""",
    };

    [Theory]
    [MemberData(nameof(KeylessPayloads))]
    public async Task V2Keyless_IsNotAvailable(string payload)
    {
        var result = await CallAsync(_v2, JsonNode.Parse(payload.Replace("IMAGE", $"{_registry.Host}/app:v1", StringComparison.Ordinal))!);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Callback evaluation failure: keyless verification is not available in this policy-server: it has no Sigstore trust root",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Keyless_IsNotAvailable()
    {
        var payload = JsonNode.Parse(
            """{"SigstoreKeylessVerify":{"image":"ghcr.io/kubewarden/app:v1","keyless":[{"issuer":"https://github.com/login/oauth","subject":"me@example.com"}],"annotations":null}}""")!;

        var result = await CallAsync(_v1, payload);

        Assert.StartsWith("Callback evaluation failure: keyless verification is not available", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"SigstoreKeylessVerify","image":"a/b:c","keyless":[],"annotations":null}""", "Must provide keyless info")]
    [InlineData("""{"type":"SigstoreKeylessPrefixVerify","image":"a/b:c","keyless_prefix":[],"annotations":null}""", "Must provide keyless info")]
    [InlineData("""{"type":"SigstoreGithubActionsVerify","image":"a/b:c","owner":"","repo":null,"annotations":null}""", "Must provide owner info")]
    public async Task V2Keyless_EmptyIdentities_AreRefused(string payload, string error)
    {
        var result = await CallAsync(_v2, JsonNode.Parse(payload)!);

        Assert.Equal($"Callback evaluation failure: {error}", result.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"image":"a/b:c","pub_keys":[]}""")]
    [InlineData("""{"type":"SigstoreMagicVerify","image":"a/b:c"}""")]
    [InlineData("""{"type":"SigstorePubKeyVerify","pub_keys":[]}""")]
    [InlineData("""{"type":"SigstorePubKeyVerify","image":"a/b:c","pub_keys":"key"}""")]
    [InlineData("""{"type":"SigstoreCertificateVerify","image":"a/b:c","certificate":"PEM","certificate_chain":null,"require_rekor_bundle":false}""")]
    public async Task V2_MalformedPayload_IsAPlainErrorNotACallbackFailure(string payload)
    {
        var result = await Task.Run(() => _v2.Handle(Policy, Encoding.UTF8.GetBytes(payload)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Error);
        Assert.DoesNotContain("Callback evaluation failure", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"SigstorePubKeyVerify","image":"a/b:c","pub_keys":["k"],"annotations":null}""", "expected an object with one key, the variant")]
    [InlineData("""{"SigstoreCertificateVerify":{"image":"a/b:c"}}""", "unknown variant `SigstoreCertificateVerify`")]
    public async Task V1_PayloadNotInTheV1Envelope_IsRefused(string payload, string error)
    {
        var result = await Task.Run(() => _v1.Handle(Policy, Encoding.UTF8.GetBytes(payload)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_InvalidImageReference_Fails()
    {
        var result = await CallAsync(_v2, PubKeyV2("registry://UPPER/Case:v1", [Pem(_key)]));

        Assert.StartsWith("Callback evaluation failure: Verification only works with OCI images: Not a valid oci image: invalid registry reference",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_RegistryDown_FailsWithoutThrowing()
    {
        await PushSignedImageAsync("app", new TestSignature(_key));
        await _registry.StopAsync();

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]));

        Assert.False(result.Succeeded);
        Assert.StartsWith($"Callback evaluation failure: failed to get image trusted layers: could not reach", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PubKey_VerifiedImage_IsAnsweredFromTheCacheFor60Seconds()
    {
        var digest = await PushSignedImageAsync("app", new TestSignature(_key));
        var payload = PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]);
        var signatureManifest = $"/v2/app/manifests/{digest.Replace(':', '-')}.sig";

        Assert.True((await CallAsync(_v2, payload)).Succeeded);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await CallAsync(_v2, payload)).Succeeded);
        Assert.Equal(1, _registry.CountRequests("GET", signatureManifest));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await CallAsync(_v2, payload)).Succeeded);
        Assert.Equal(2, _registry.CountRequests("GET", signatureManifest));
    }

    [Fact]
    public async Task PubKey_Failure_IsNotCached()
    {
        var digest = await _cosign.PushImageAsync("app", "v1");
        var payload = PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]);
        Assert.False((await CallAsync(_v2, payload)).Succeeded);

        await _cosign.PushSignaturesAsync("app", digest, new TestSignature(_key));

        Assert.True((await CallAsync(_v2, payload)).Succeeded);
    }

    [Fact]
    public async Task PubKey_CacheIsKeyedByAnnotations()
    {
        await PushSignedImageAsync("app", new TestSignature(_key));
        Assert.True((await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)]))).Succeeded);

        var result = await CallAsync(_v2, PubKeyV2($"{_registry.Host}/app:v1", [Pem(_key)], new Dictionary<string, string> { ["env"] = "prod" }));

        Assert.False(result.Succeeded);
    }

    private async Task<string> PushSignedImageAsync(string repository, params TestSignature[] signatures)
    {
        var digest = await _cosign.PushImageAsync(repository, "v1");
        await _cosign.PushSignaturesAsync(repository, digest, signatures);
        return digest;
    }

    // The handler blocks on registry I/O, as it does on the Wasm thread: keep it off the test's thread.
    private static Task<HostCallResult> CallAsync(IHostCapabilityHandler handler, JsonNode payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return Task.Run(() => handler.Handle(Policy, bytes), TestContext.Current.CancellationToken);
    }

    private static JsonObject PubKeyV2(string image, string[] keys, Dictionary<string, string>? annotations = null) => new()
    {
        ["type"] = "SigstorePubKeyVerify",
        ["image"] = image,
        ["pub_keys"] = new JsonArray([.. keys.Select(key => JsonValue.Create(key))]),
        ["annotations"] = annotations is null ? null : new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
    };

    private static JsonObject CertificateV2(string image, X509Certificate2 certificate,
        X509Certificate2[]? chain) => new()
    {
        ["type"] = "SigstoreCertificateVerify",
        ["image"] = image,
        ["certificate"] = Bytes(certificate),
        ["certificate_chain"] = chain is null ? null : new JsonArray([.. chain.Select(Bytes)]),
        ["require_rekor_bundle"] = false,
        ["annotations"] = null,
    };

    private static JsonArray Bytes(X509Certificate2 certificate) =>
        new([.. TestCodeSigningCertificates.PemBytes(certificate).Select(b => JsonValue.Create(b))]);

    private static string Pem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    private static string PubKeyYaml(string pem, string annotations) =>
        "kind: pubKey\nowner: null\nkey: |-\n" + string.Concat(pem.Split('\n').Select(line => $"  {line}\n")) + annotations;
}
