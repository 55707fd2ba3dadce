using System.Net;

namespace Kubewarden.LoadTests.Load;

/// <summary>Builds the single pooled client a run sends through.</summary>
internal static class LoadHttpClient
{
    /// <param name="settings">TLS and HTTP version; connecting counts against the per-request timeout.</param>
    /// <param name="connections">The HTTP/1.1 pool size; HTTP/2 multiplexes and opens more connections only when the
    /// server's stream limit is reached.</param>
    public static HttpClient Create(LoadSettings settings, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            EnableMultipleHttp2Connections = settings.Http2,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        if (settings.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CertificateTrust.AcceptAny;
        }
        else if (settings.CaFile is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CertificateTrust.TrustOnly(settings.CaFile);
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
