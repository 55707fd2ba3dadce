using System.Net.Http.Headers;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>The kubeconfig <c>scripts/kube-apiserver.sh</c> writes for the test API server.</summary>
internal static class TestKubeconfig
{
    private const string AdminToken = "e2e-admin-token";

    /// <summary>An HTTP client for the API server <paramref name="kubeconfig"/> names, authenticated as its admin.</summary>
    public static HttpClient AdminClient(string kubeconfig, TimeSpan timeout, int maxConnectionsPerServer = int.MaxValue)
    {
        var server = File.ReadLines(kubeconfig).Select(l => l.IndexOf("server: \"", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 9)..l.IndexOf('"', at + 9)] : null)
            .First(s => s is not null)!;
        // The script's serving certificate is self-signed.
        var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            MaxConnectionsPerServer = maxConnectionsPerServer,
        })
        { BaseAddress = new Uri(server + "/"), Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }
}
