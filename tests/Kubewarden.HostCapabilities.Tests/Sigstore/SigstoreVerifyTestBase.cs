namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary>
/// A real registry, the v1 and v2 verify handlers over it with a fake clock, two P-256 keys, and the helpers that push
/// signed images and build payloads.
/// </summary>
public abstract class SigstoreVerifyTestBase : IAsyncLifetime
{
    protected const string MissingSignatures =
        "Callback evaluation failure: Image verification failed: missing signatures\nThe following constraints were not satisfied:\n";

    protected static readonly PolicyContext Policy = new("verifying-policy", HostCapabilityAllowList.AllowAll, []);

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    protected ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    protected ECDsa OtherKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    protected RegistryServer Server { get; private set; } = null!;
    protected CosignTestRegistry Cosign { get; private set; } = null!;
    private OciRegistryClient _client = null!;
    protected OciVerifyV1Handler V1 { get; private set; } = null!;
    protected OciVerifyV2Handler V2 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        RegistryServer.SkipUnlessInstalled();
        Server = await RegistryServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        Cosign = new CosignTestRegistry(Server);
        _client = new OciRegistryClient(
            new OciClientOptions
            {
                Sources = SourcesConfigLoader.Parse($"insecure_sources: [\"{Server.Host}\"]"),
                DockerConfigPath = Path.Combine(Path.GetTempPath(), "kw-sigstore-no-docker-config", "config.json"),
            },
            NullLogger<OciRegistryClient>.Instance);
        var service = new SigstoreVerificationService(_client, Time, NullLogger<SigstoreVerificationService>.Instance);
        V1 = new OciVerifyV1Handler(service);
        V2 = new OciVerifyV2Handler(service);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        Cosign?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Key.Dispose();
        OtherKey.Dispose();
    }

    protected async Task<string> PushSignedImageAsync(string repository, params TestSignature[] signatures)
    {
        var digest = await Cosign.PushImageAsync(repository, "v1");
        await Cosign.PushSignaturesAsync(repository, digest, signatures);
        return digest;
    }

    // The handler blocks on registry I/O, as it does on the Wasm thread: keep it off the test's thread.
    protected static Task<HostCallResult> CallAsync(IHostCapabilityHandler handler, JsonNode payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return Task.Run(() => handler.Handle(Policy, bytes), TestContext.Current.CancellationToken);
    }

    protected static JsonObject PubKeyV2(string image, string[] keys, Dictionary<string, string>? annotations = null) => new()
    {
        ["type"] = "SigstorePubKeyVerify",
        ["image"] = image,
        ["pub_keys"] = new JsonArray([.. keys.Select(key => JsonValue.Create(key))]),
        ["annotations"] = annotations is null ? null : new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))),
    };

    protected static JsonObject CertificateV2(string image, X509Certificate2 certificate,
        X509Certificate2[]? chain) => new()
    {
        ["type"] = "SigstoreCertificateVerify",
        ["image"] = image,
        ["certificate"] = Bytes(certificate),
        ["certificate_chain"] = chain is null ? null : new JsonArray([.. chain.Select(Bytes)]),
        ["require_rekor_bundle"] = false,
        ["annotations"] = null,
    };

    protected static JsonArray Bytes(X509Certificate2 certificate) =>
        new([.. TestCodeSigningCertificates.PemBytes(certificate).Select(b => JsonValue.Create(b))]);

    protected static string Pem(AsymmetricAlgorithm key) => key.ExportSubjectPublicKeyInfoPem();

    protected static string PubKeyYaml(string pem, string annotations) =>
        "kind: pubKey\nowner: null\nkey: |-\n" + string.Concat(pem.Split('\n').Select(line => $"  {line}\n")) + annotations;
}
