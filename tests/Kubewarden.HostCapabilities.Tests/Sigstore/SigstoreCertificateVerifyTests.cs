namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary><c>SigstoreCertificateVerify</c> with a test CA and code-signing certificate.</summary>
public sealed class SigstoreCertificateVerifyTests : SigstoreVerifyTestBase
{
    [Fact]
    public async Task Certificate_SignedWithCertificateKeyAndChained_IsTrusted()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        var digest = await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(V2, CertificateV2($"{Server.Host}/app:v1", certificates.Signer, [certificates.Authority]));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"{{\"is_trusted\":true,\"digest\":\"{digest}\"}}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Certificate_WithoutChain_IsTrustedAsGiven()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(V2, CertificateV2($"{Server.Host}/app:v1", certificates.Signer, chain: null));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task Certificate_ChainOfAnotherAuthority_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        using var others = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(V2, CertificateV2($"{Server.Host}/app:v1", certificates.Signer, [others.Authority]));

        Assert.False(result.Succeeded);
        Assert.StartsWith("Callback evaluation failure: certificate rejected: it does not chain to certificate_chain", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_SignedByAnotherKey_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(Key));

        var result = await CallAsync(V2, CertificateV2($"{Server.Host}/app:v1", certificates.Signer, [certificates.Authority]));

        Assert.Equal("Callback evaluation failure: verification failed: Several Signature Layers failed verification", result.Error);
    }

    [Fact]
    public async Task Certificate_NotACodeSigningCertificate_Fails()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        await PushSignedImageAsync("app", new TestSignature(certificates.SigningKey));

        var result = await CallAsync(V2, CertificateV2($"{Server.Host}/app:v1", certificates.Authority, chain: null));

        Assert.Equal("Callback evaluation failure: certificate rejected: it has no digital signature key usage", result.Error);
    }

    [Fact]
    public async Task Certificate_RequiringRekorBundle_IsNotAvailable()
    {
        using var certificates = TestCodeSigningCertificates.Create(Time.GetUtcNow());
        var payload = CertificateV2($"{Server.Host}/app:v1", certificates.Signer, chain: null);
        payload["require_rekor_bundle"] = true;

        var result = await CallAsync(V2, payload);

        Assert.StartsWith("Callback evaluation failure: Rekor bundle verification is not available in this policy-server: it has no Sigstore trust root",
            result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.CountRequests("GET", "/v2/app/"));
    }
}
