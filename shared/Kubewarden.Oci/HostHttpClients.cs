using System.Collections.Concurrent;
using System.Net.Security;

namespace Kubewarden.Oci;

/// <summary>
/// One reusable <see cref="HttpClient"/> per (host, TLS verification mode), trusting the host's extra roots.
/// </summary>
internal sealed class HostHttpClients(SourcesConfig sources, TimeSpan requestTimeout) : IDisposable
{
    private readonly ConcurrentDictionary<(string Host, TlsVerification Mode), Lazy<HttpClient>> _clients = new();

    public SourcesConfig Sources => sources;

    public HttpClient Get(string hostAndPort, TlsVerification mode) =>
        _clients.GetOrAdd((hostAndPort, mode), key => new Lazy<HttpClient>(() => Create(key.Host, key.Mode))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private HttpClient Create(string hostAndPort, TlsVerification mode)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var extraRoots = sources.AuthoritiesFor(hostAndPort);
        if (mode == TlsVerification.Unverified)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }
        else if (extraRoots.Count > 0)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = new ExtraRootsValidator(extraRoots).Validate,
            };
        }

        return new HttpClient(handler) { Timeout = requestTimeout };
    }
}
