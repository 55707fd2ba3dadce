using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kubewarden.Hosting.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Tests.Tls;

public sealed class KestrelTlsTests : IDisposable
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _ca = TlsTestMaterial.CreateCa("kw-test-ca");
    private readonly X509Certificate2 _otherCa = TlsTestMaterial.CreateCa("kw-other-ca");
    private readonly X509Certificate2 _server1;
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _foreignClient;
    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly string _caFile;
    private readonly CollectingLogger _logger = new();

    public KestrelTlsTests()
    {
        _server1 = TlsTestMaterial.CreateServer(_ca, "server-1");
        _client = TlsTestMaterial.CreateClient(_ca, "good-client");
        _foreignClient = TlsTestMaterial.CreateClient(_otherCa, "foreign-client");
        _certFile = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(_server1));
        _keyFile = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(_server1));
        _caFile = _dir.Write("client-ca.pem", TlsTestMaterial.CertificatePem(_ca));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var cert in new[] { _ca, _otherCa, _server1, _client, _foreignClient })
        {
            cert.Dispose();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task ServerPresentsCertificateFromFiles()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, logger: _logger);
        await using var server = await StartServerAsync(reloader);

        var result = await GetAsync(server, clientCertificate: null);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("client=none", result.Body);
        Assert.Equal(_server1.Thumbprint, result.ServerCertificate.Thumbprint);
    }

    [Fact]
    public async Task MutualTlsAcceptsClientFromConfiguredCa()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);

        var result = await GetAsync(server, _client);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("client=CN=good-client", result.Body);
    }

    [Fact]
    public async Task MutualTlsRejectsClientWithoutCertificate()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(server, clientCertificate: null));
    }

    [Fact]
    public async Task MutualTlsRejectsClientFromAnotherCa()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(server, _foreignClient));

        // The server is still healthy for legitimate clients.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, _client)).Status);
    }

    [Fact]
    public async Task RewrittenCertificateIsServedToNewConnectionsWithoutRestart()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);
        using var persistent = CreateClient(_client, _ => { });
        Assert.Equal(HttpStatusCode.OK, (await persistent.GetAsync(server.Uri, Ct)).StatusCode);

        using var server2 = TlsTestMaterial.CreateServer(_ca, "server-2");
        await File.WriteAllTextAsync(_certFile, TlsTestMaterial.CertificatePem(server2), Ct);
        await File.WriteAllTextAsync(_keyFile, TlsTestMaterial.Pkcs8KeyPem(server2), Ct);

        var seen = await PollAsync(async () =>
        {
            var result = await GetAsync(server, _client);
            Assert.Equal(HttpStatusCode.OK, result.Status); // keeps serving throughout
            // Version is bumped right after the certificate is published, so wait for both.
            return result.ServerCertificate.Thumbprint == server2.Thumbprint && reloader.Version >= 1;
        });

        Assert.True(seen, "the new certificate was not served within the timeout");
        Assert.Equal(server2.Thumbprint, reloader.ServerCertificate.Thumbprint);
        Assert.NotEqual(_server1.SerialNumber, reloader.ServerCertificate.SerialNumber);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("CN=server-2", StringComparison.Ordinal));

        // The connection established before the reload keeps working.
        Assert.Equal(HttpStatusCode.OK, (await persistent.GetAsync(server.Uri, Ct)).StatusCode);
    }

    [Fact]
    public async Task BrokenCertificateFileKeepsPreviousCertificate()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);

        await File.WriteAllTextAsync(_certFile, "-----BEGIN CERTIFICATE-----\nbroken\n", Ct);

        var warned = await PollAsync(() => Task.FromResult(_logger.Entries.Any(e =>
            e.Level == LogLevel.Warning && e.Message.Contains(_certFile, StringComparison.Ordinal))));
        Assert.True(warned, "no reload warning was logged within the timeout");
        var warning = _logger.Entries.First(e => e.Level == LogLevel.Warning);
        Assert.Contains("contains no PEM certificate", warning.Message, StringComparison.Ordinal);

        var result = await GetAsync(server, _client);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(_server1.Thumbprint, result.ServerCertificate.Thumbprint);
        Assert.Equal(0, reloader.Version);

        // Fixing the files afterwards is picked up.
        using var server2 = TlsTestMaterial.CreateServer(_ca, "server-2");
        await File.WriteAllTextAsync(_keyFile, TlsTestMaterial.Pkcs8KeyPem(server2), Ct);
        await File.WriteAllTextAsync(_certFile, TlsTestMaterial.CertificatePem(server2), Ct);
        var recovered = await PollAsync(async () =>
            (await GetAsync(server, _client)).ServerCertificate.Thumbprint == server2.Thumbprint);
        Assert.True(recovered, "the fixed certificate was not served within the timeout");
    }

    [Fact]
    public async Task ClientAuthoritiesAreReloadedIndependently()
    {
        using var reloader = new TlsCertificateReloader(_certFile, _keyFile, [_caFile], _logger);
        await using var server = await StartServerAsync(reloader);
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(server, _foreignClient));

        await File.WriteAllTextAsync(_caFile, TlsTestMaterial.CertificatePem(_otherCa), Ct);

        var accepted = await PollAsync(async () =>
        {
            try
            {
                return (await GetAsync(server, _foreignClient)).Status == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        Assert.True(accepted, "the new client CA was not used within the timeout");
        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(server, _client));
        Assert.Equal(_server1.Thumbprint, reloader.ServerCertificate.Thumbprint);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + ReloadTimeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, Ct);
        }
    }

    private async Task<(HttpStatusCode Status, string Body, X509Certificate2 ServerCertificate)> GetAsync(
        TestServer server, X509Certificate2? clientCertificate)
    {
        X509Certificate2? seen = null;
        using var client = CreateClient(clientCertificate, cert => seen = cert);
        using var response = await client.GetAsync(server.Uri, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, body, seen ?? throw new InvalidOperationException("no server certificate seen"));
    }

    private HttpClient CreateClient(X509Certificate2? clientCertificate, Action<X509Certificate2> onServerCertificate)
    {
        var ca = _ca;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            var serverCert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            onServerCertificate(serverCert);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(serverCert);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler, disposeHandler: true);
    }

    private static async Task<TestServer> StartServerAsync(TlsCertificateReloader reloader)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseKubewardenTls(reloader)));
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) => $"client={context.Connection.ClientCertificate?.Subject ?? "none"}");
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    private sealed class TestServer(WebApplication app, Uri uri) : IAsyncDisposable
    {
        public Uri Uri { get; } = uri;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
