using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Tests;
using Kubewarden.HostCapabilities.Tests.Crypto;
using Kubewarden.HostCapabilities.Tests.Oci;
using Kubewarden.Oci.Tests.Registry;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// The registry, DNS and certificate host capabilities through a running policy-server over HTTPS: each policy makes
/// one host call and rejects with the host's answer as its message (code 200 when the call succeeded, 500 with the
/// host error when it failed). Images come from a real registry (docker-registry, plain HTTP, an insecure source).
/// </summary>
public sealed class HostCapabilitiesTests : IAsyncLifetime
{
    private RegistryServer _registry = null!;
    private PolicyServerInstance _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryServer.StartAsync(cancellationToken: Ct);
        _server = new PolicyServerInstance();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task RegistryCapabilities_AnswerThePushedDigestManifestAndConfig()
    {
        var image = await TestImages.PushImageAsync(_registry, "team/app", "v1", "amd64");
        var reference = $"\"{_registry.Host}/team/app:v1\"";
        await StartAsync(
            ("digest", Policy("oci", "v1/manifest_digest", reference), "*"),
            ("manifest", Policy("oci", "v1/oci_manifest", reference), "oci/v1/*"),
            ("config", Policy("oci", "v1/oci_manifest_config", reference), "oci/v1/oci_manifest_config"));

        var digest = await AnswerAsync("digest");
        var manifest = await AnswerAsync("manifest");
        var config = await AnswerAsync("config");

        Assert.Equal((200, $$"""{"digest":"{{image.ManifestDigest}}"}"""), digest);
        Assert.Equal((200, image.ManifestJson), manifest);
        Assert.Equal(200, config.Code);
        var answer = JsonNode.Parse(config.Message)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(image.ManifestJson), answer["manifest"]));
        Assert.Equal(image.ManifestDigest, (string)answer["digest"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(image.ConfigJson), answer["config"]));
    }

    [Fact]
    public async Task RegistryFailures_AreHostErrors_AndTheServerKeepsServing()
    {
        await TestImages.PushImageAsync(_registry, "team/app", "v1", "amd64");
        await StartAsync(
            ("missing", Policy("oci", "v1/manifest_digest", $"\"{_registry.Host}/team/app:v9\""), "*"),
            ("present", Policy("oci", "v1/manifest_digest", $"\"{_registry.Host}/team/app:v1\""), "*"));

        var missing = await AnswerAsync("missing");
        await _registry.StopAsync();
        var down = await AnswerAsync("present");

        Assert.Equal(500, missing.Code);
        Assert.StartsWith($"Callback evaluation failure: could not fetch registry://{_registry.Host}/team/app:v9: the registry has no manifest v9 in team/app", missing.Message, StringComparison.Ordinal);
        Assert.Equal(500, down.Code);
        Assert.StartsWith($"Callback evaluation failure: could not query the registry for {_registry.Host}/team/app:v1: ", down.Message, StringComparison.Ordinal);
        Assert.Equal(500, (await AnswerAsync("missing")).Code);
    }

    [Fact]
    public async Task DnsAndCertificateCapabilities_Answer()
    {
        using var root = TestChain.Root();
        using var leaf = TestChain.Leaf(root);
        var certificate = new JsonObject
        {
            ["cert"] = Certificate(leaf),
            ["cert_chain"] = new JsonArray(Certificate(root)),
            ["not_after"] = null,
        };
        await StartAsync(
            ("dns", Policy("net", "v1/dns_lookup_host", "\"localhost\""), "net/*"),
            ("unresolvable", Policy("net", "v1/dns_lookup_host", "\"no-such-host.invalid\""), "net/v1/dns_lookup_host"),
            ("crypto", Policy("crypto", "v1/is_certificate_trusted", certificate.ToJsonString()), "crypto/v1/is_certificate_trusted"),
            ("not-granted", Policy("crypto", "v1/is_certificate_trusted", certificate.ToJsonString()), "net/*"));

        var dns = await AnswerAsync("dns");
        var unresolvable = await AnswerAsync("unresolvable");

        Assert.Equal(200, dns.Code);
        Assert.Contains("127.0.0.1", JsonNode.Parse(dns.Message)!["ips"]!.AsArray().Select(ip => (string)ip!));
        Assert.Equal(500, unresolvable.Code);
        Assert.StartsWith("Callback evaluation failure: cannot resolve host 'no-such-host.invalid': ", unresolvable.Message, StringComparison.Ordinal);
        Assert.Equal((200, """{"trusted":true,"reason":""}"""), await AnswerAsync("crypto"));
        Assert.Equal(
            (500, "Policy has not been granted access to the 'crypto/v1/is_certificate_trusted' host capability. The violation has been reported."),
            await AnswerAsync("not-granted"));
    }

    private static byte[] Policy(string @namespace, string operation, string payloadJson) =>
        TestPolicies.FromText(HostCallPolicy.Wat(@namespace, operation, payloadJson));

    private static JsonObject Certificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new()
    {
        ["encoding"] = "Pem",
        ["data"] = new JsonArray([.. Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()).Select(b => (JsonNode)b)]),
    };

    private async Task StartAsync(params (string Id, byte[] Module, string Capabilities)[] policies)
    {
        var document = new JsonObject();
        foreach (var (id, module, capabilities) in policies)
        {
            document[id] = new JsonObject { ["module"] = _server.AddModule(id, module), ["hostCapabilities"] = new JsonArray(capabilities) };
        }

        var sources = Path.Combine(_server.Root, "sources.yml");
        await File.WriteAllTextAsync(sources, $"insecure_sources: [\"{_registry.Host}\"]", Ct);
        _server.WritePolicies(document);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await _server.StartAsync(_server.DefaultArgs(clientCa: true,
            "--sources-path", sources, "--docker-config-json-path", Path.Combine(_server.Root, "no-docker-config")), timeout.Token);
    }

    /// <summary>The policy's rejection: the host's answer (or error) and the code telling which.</summary>
    private async Task<(int Code, string Message)> AnswerAsync(string id)
    {
        var (status, text, _) = await _server.SendAsync($"/validate/{id}", Reviews.Pod($"uid-{id}"), Ct);
        Assert.Equal(200, status);
        var response = JsonNode.Parse(text)!["response"]!;
        Assert.False((bool)response["allowed"]!);
        return ((int)response["status"]!["code"]!, (string)response["status"]!["message"]!);
    }
}
