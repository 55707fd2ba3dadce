using System.Net;
using Kubewarden.Oci.Tests.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Oci.Tests;

public sealed class HttpModuleDownloaderTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _downloads = Directory.CreateTempSubdirectory("kw-oci-http-").FullName;
    private WebApplication _server = null!;
    private string _host = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(_ca.ServerCertificate)));
        _server = builder.Build();
        _server.MapGet("/policy.wasm", () => Results.Bytes(TestPolicies.NoPrivilegedPods, "application/wasm"));
        _server.MapGet("/index.html", () => Results.Text("<html>not wasm</html>", "text/html"));
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _host = new Uri(_server.Urls.First()).Authority;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task DownloadsAWasmModuleOverHttpsWithTheHostsAuthority()
    {
        using var downloader = Downloader(SourcesConfigLoader.Parse($"source_authorities: {{\"{_host}\": [{{type: Path, path: {_ca.CaPemPath}}}]}}"));
        var path = Path.Combine(_downloads, "policy.wasm");

        var size = await downloader.DownloadAsync(new Uri($"https://{_host}/policy.wasm"), path, TestContext.Current.CancellationToken);

        Assert.Equal(TestPolicies.NoPrivilegedPods.Length, size);
        Assert.Equal(TestPolicies.NoPrivilegedPods, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RefusesABodyThatIsNotWebAssembly()
    {
        using var downloader = Downloader(TestPolicies.Insecure(_host));

        var error = await Assert.ThrowsAsync<OciRegistryException>(() => downloader.DownloadAsync(
            new Uri($"https://{_host}/index.html"), Path.Combine(_downloads, "x.wasm"), TestContext.Current.CancellationToken));

        Assert.StartsWith($"https://{_host}/index.html is not a WebAssembly module", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_downloads));
    }

    [Fact]
    public async Task UntrustedCertificateFailsWithoutInsecureSource()
    {
        using var downloader = Downloader(SourcesConfig.Empty);

        var error = await Assert.ThrowsAsync<OciRegistryException>(() => downloader.DownloadAsync(
            new Uri($"https://{_host}/policy.wasm"), Path.Combine(_downloads, "x.wasm"), TestContext.Current.CancellationToken));

        Assert.StartsWith($"could not reach https://{_host}/policy.wasm: The SSL connection could not be established", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpIsRefusedForSecureHosts()
    {
        using var downloader = Downloader(SourcesConfig.Empty);

        var error = await Assert.ThrowsAsync<OciRegistryException>(() => downloader.DownloadAsync(
            new Uri($"http://{_host}/policy.wasm"), Path.Combine(_downloads, "x.wasm"), TestContext.Current.CancellationToken));

        Assert.Contains("plain HTTP is only used for hosts listed in insecure_sources", error.Message, StringComparison.Ordinal);
    }

    private static HttpModuleDownloader Downloader(SourcesConfig sources) =>
        new(new OciClientOptions { Sources = sources }, NullLogger<HttpModuleDownloader>.Instance);
}
