namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary>Keyless variants (not available without a trust root) and malformed payloads.</summary>
public sealed class SigstoreKeylessAndPayloadTests : SigstoreVerifyTestBase
{
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
        var result = await CallAsync(V2, JsonNode.Parse(payload.Replace("IMAGE", $"{Server.Host}/app:v1", StringComparison.Ordinal))!);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Callback evaluation failure: keyless verification is not available in this policy-server: it has no Sigstore trust root",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Keyless_IsNotAvailable()
    {
        var payload = JsonNode.Parse(
            """{"SigstoreKeylessVerify":{"image":"ghcr.io/kubewarden/app:v1","keyless":[{"issuer":"https://github.com/login/oauth","subject":"me@example.com"}],"annotations":null}}""")!;

        var result = await CallAsync(V1, payload);

        Assert.StartsWith("Callback evaluation failure: keyless verification is not available", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"SigstoreKeylessVerify","image":"a/b:c","keyless":[],"annotations":null}""", "Must provide keyless info")]
    [InlineData("""{"type":"SigstoreKeylessPrefixVerify","image":"a/b:c","keyless_prefix":[],"annotations":null}""", "Must provide keyless info")]
    [InlineData("""{"type":"SigstoreGithubActionsVerify","image":"a/b:c","owner":"","repo":null,"annotations":null}""", "Must provide owner info")]
    public async Task V2Keyless_EmptyIdentities_AreRefused(string payload, string error)
    {
        var result = await CallAsync(V2, JsonNode.Parse(payload)!);

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
        var result = await Task.Run(() => V2.Handle(Policy, Encoding.UTF8.GetBytes(payload)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Error);
        Assert.DoesNotContain("Callback evaluation failure", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"SigstorePubKeyVerify","image":"a/b:c","pub_keys":["k"],"annotations":null}""", "expected an object with one key, the variant")]
    [InlineData("""{"SigstoreCertificateVerify":{"image":"a/b:c"}}""", "unknown variant `SigstoreCertificateVerify`")]
    public async Task V1_PayloadNotInTheV1Envelope_IsRefused(string payload, string error)
    {
        var result = await Task.Run(() => V1.Handle(Policy, Encoding.UTF8.GetBytes(payload)), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
    }
}
