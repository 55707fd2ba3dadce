using System.Security.Cryptography.X509Certificates;
using Kubewarden.Hosting.Tests.Tls;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>HTTPS, mandatory mTLS and certificate reload (spec §4.1).</summary>
public sealed class TlsTests(SharedServerFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MutualTls_ClientCertificateFromTheClientCa_IsServed()
    {
        var server = fixture.Server;
        using var certificate = server.Pki.NewClientCertificate("mtls-client");
        var client = server.CreateApiClient(certificate);

        var (status, body, _) = await server.SendAsync("/validate/accept", Reviews.Pod("uid-mtls"), Ct, client);

        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted("uid-mtls"), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutualTls_ClientWithoutCertificate_IsRefused()
    {
        var server = fixture.Server;
        var client = server.CreateApiClient();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.SendAsync("/validate/accept", Reviews.Pod("uid-nocert"), Ct, client));
    }

    [Fact]
    public async Task MutualTls_ClientCertificateFromAnotherCa_IsRefused()
    {
        var server = fixture.Server;
        using var otherCa = TlsTestMaterial.CreateCa("some-other-ca");
        using var certificate = TlsTestMaterial.CreateClient(otherCa, "intruder");
        var client = server.CreateApiClient(certificate);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.SendAsync("/validate/accept", Reviews.Pod("uid-other"), Ct, client));
    }

    [Fact]
    public async Task MutualTls_TheServerCertificateItselfIsNoClientCertificate()
    {
        // Signed by the server CA, which is not a client CA.
        var server = fixture.Server;
        using var certificate = TlsTestMaterial.CreateClient(server.Pki.Ca, "wrong-ca-client");
        var client = server.CreateApiClient(certificate);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.SendAsync("/validate/accept", Reviews.Pod("uid-wrongca"), Ct, client));
    }

    [Fact]
    public async Task Https_WithoutClientCa_Serves()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new System.Text.Json.Nodes.JsonObject { ["accept"] = new System.Text.Json.Nodes.JsonObject { ["module"] = server.AddModule("accept", ServerPolicies.Accepting()) } });
        await server.StartAsync(server.DefaultArgs(clientCa: false), Ct);

        var (status, body, _) = await server.SendAsync("/validate/accept", Reviews.Pod("uid-tls"), Ct);

        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted("uid-tls"), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerCertificate_ReplacedOnDisk_NewConnectionsGetIt_AndRequestsKeepSucceeding()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new System.Text.Json.Nodes.JsonObject { ["accept"] = new System.Text.Json.Nodes.JsonObject { ["module"] = server.AddModule("accept", ServerPolicies.Accepting()) } });
        await server.StartAsync(server.DefaultArgs(), Ct);
        var (before, _, _) = await server.SendAsync("/validate/accept", Reviews.Pod("uid-before"), Ct);
        Assert.Equal(200, before);
        Assert.Equal("CN=policy-server", await PresentedSubjectAsync(server));

        using var renewed = server.Pki.NewServerCertificate("policy-server-renewed");
        TestPki.WritePem(renewed, server.CertFile, server.KeyFile);

        await Poll.UntilAsync(() => PresentedSubjectAsync(server), subject => subject == "CN=policy-server-renewed", "the renewed certificate on new connections", Ct);
        // The long-lived client (connection opened with the old certificate) and new ones keep being served.
        for (var i = 0; i < 5; i++)
        {
            var (status, body, _) = await server.SendAsync("/validate/accept", Reviews.Pod($"uid-after-{i}"), Ct);
            Assert.Equal(200, status);
            Assert.Contains(Reviews.Accepted($"uid-after-{i}"), body, StringComparison.Ordinal);
        }
    }

    /// <summary>Opens a new connection and returns the subject of the certificate the server presented.</summary>
    private static async Task<string?> PresentedSubjectAsync(PolicyServerInstance server)
    {
        string? subject = null;
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions =
            {
                ClientCertificates = [server.HarnessClientCertificate!],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    subject = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).Subject;
                    return TestPki.TrustsServer(server.Pki.Ca, certificate, errors);
                },
            },
        })
        { BaseAddress = server.ApiBase };
        using var response = await client.PostAsync(new Uri("/validate/accept", UriKind.Relative), PolicyServerInstance.Json(Reviews.Pod("uid-probe")), Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return subject;
    }
}
