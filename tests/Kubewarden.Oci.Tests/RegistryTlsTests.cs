using System.Security.Cryptography.X509Certificates;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.Oci.Tests;

public sealed class RegistryTlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _downloads = Directory.CreateTempSubdirectory("kw-oci-tls-").FullName;
    private RegistryServer _registry = null!;

    public async ValueTask InitializeAsync() =>
        _registry = await RegistryServer.StartAsync(new RegistryServerOptions { Tls = _ca }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        _ca.Dispose();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task CaFromSourceAuthoritiesIsTrusted()
    {
        var ct = TestContext.Current.CancellationToken;
        var sources = SourcesConfigLoader.Parse($"source_authorities: {{\"{_registry.Host}\": [{{type: Path, path: {_ca.CaPemPath}}}]}}");
        using var client = TestPolicies.Client(sources);
        var reference = OciReference.Parse($"{_registry.Host}/tls/policy:v1");

        await client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var pulled = await client.PullToFileAsync(reference, Path.Combine(_downloads, "p.wasm"), ct);

        Assert.Equal(TestPolicies.NoPrivilegedPods, await File.ReadAllBytesAsync(pulled.FilePath, ct));
    }

    [Fact]
    public async Task UnknownCaFailsNamingTheUrlAndTheTlsError()
    {
        using var client = TestPolicies.Client();

        var error = await Assert.ThrowsAsync<OciRegistryException>(() => client.PullToFileAsync(
            OciReference.Parse($"{_registry.Host}/tls/policy:v1"), Path.Combine(_downloads, "p.wasm"), TestContext.Current.CancellationToken));

        Assert.StartsWith($"could not reach https://{_registry.Host}/v2/: The SSL connection could not be established", error.Message, StringComparison.Ordinal);
        Assert.Contains("The remote certificate is invalid because of errors in the certificate chain", error.Message, StringComparison.Ordinal);
        Assert.Contains("add it to source_authorities in sources.yml", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_downloads));
    }

    [Fact]
    public async Task AuthorityOfAnotherHostIsNotUsed()
    {
        var sources = new SourcesConfig([], new Dictionary<string, X509Certificate2Collection> { ["other.example"] = [_ca.Certificate] });
        using var client = TestPolicies.Client(sources);

        await Assert.ThrowsAsync<OciRegistryException>(() => client.PullToFileAsync(
            OciReference.Parse($"{_registry.Host}/tls/policy:v1"), Path.Combine(_downloads, "p.wasm"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InsecureSourceFallsBackToUnverifiedHttps()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = TestPolicies.Client(TestPolicies.Insecure(_registry.Host));
        var reference = OciReference.Parse($"{_registry.Host}/tls/insecure:v1");

        await client.PushAsync(reference, TestPolicies.NoPrivilegedPods, ct);
        var pulled = await client.PullToFileAsync(reference, Path.Combine(_downloads, "i.wasm"), ct);

        Assert.Equal(TestPolicies.NoPrivilegedPods, await File.ReadAllBytesAsync(pulled.FilePath, ct));
        Assert.DoesNotContain(_registry.Output, line => line.Contains("\"GET /v2/ HTTP", StringComparison.Ordinal) && line.Contains(" 400 ", StringComparison.Ordinal));
    }
}
