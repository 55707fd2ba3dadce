using System.Net;
using k8s;

namespace Kubewarden.Kubernetes.Api;

/// <summary>
/// A configured (not yet used) connection to the Kubernetes API server: its address, TLS settings and credentials,
/// from the in-cluster service account or a kubeconfig. Requests go through <see cref="SendAsync"/>.
/// </summary>
public sealed class KubernetesConnection : IDisposable
{
    private readonly k8s.Kubernetes _client;

    internal KubernetesConnection(KubernetesClientConfiguration configuration, string source)
    {
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        _client = new k8s.Kubernetes(configuration);
        Source = source;
    }

    /// <summary>The API server's base address.</summary>
    public Uri Server => _client.BaseUri;

    /// <summary>Where the configuration came from (in-cluster service account, or a kubeconfig path).</summary>
    public string Source { get; }

    /// <summary>Sends <paramref name="request"/> (a path relative to the server) with the connection's credentials.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(_client.BaseUri, request.RequestUri!.OriginalString.TrimStart('/'));
        request.Version = HttpVersion.Version11;
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await _client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
