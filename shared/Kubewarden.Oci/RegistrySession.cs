using System.Net;
using System.Net.Http.Headers;

namespace Kubewarden.Oci;

/// <summary>
/// Requests to one repository over a resolved endpoint, answering a 401 challenge once and reusing the authorization
/// for the rest of the operation.
/// </summary>
internal sealed class RegistrySession(OciReference reference, RemoteEndpoint endpoint, RegistryAuthenticator authenticator, string actions)
{
    private AuthenticationHeaderValue? _authorization;

    public OciReference Reference => reference;

    public RemoteEndpoint Endpoint => endpoint;

    /// <summary>A path under the repository, e.g. <c>manifests/latest</c> → <c>https://host/v2/repo/manifests/latest</c>.</summary>
    public Uri RepositoryUri(string suffix) => endpoint.Resolve($"/v2/{reference.Repository}/{suffix}");

    /// <summary>
    /// Sends the request built by <paramref name="createRequest"/> (called again for the authenticated retry).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(createRequest, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var requestUri = response.RequestMessage?.RequestUri ?? endpoint.BaseUri;
        var challenge = AuthChallenge.From(response.Headers.WwwAuthenticate);
        response.Dispose();
        _authorization = await authenticator
            .AuthorizeAsync(reference.Registry, challenge, $"repository:{reference.Repository}:{actions}", requestUri, cancellationToken)
            .ConfigureAwait(false);
        response = await SendOnceAsync(createRequest, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw authenticator.Rejected(reference.Registry, requestUri);
        }

        return response;
    }

    /// <summary>Throws a registry error naming the request and the registry's answer unless the status is a success.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var detail = body.Length > 500 ? body[..500] : body;
        throw new OciRegistryException(
            $"{what} failed: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase} {detail.Trim()}".TrimEnd())
        {
            IsTransient = IsTransientStatus(response.StatusCode),
        };
    }

    /// <summary>Whether an answer with this status may be different later: server errors and rate limiting.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        using var request = createRequest();
        request.Headers.Authorization = _authorization;
        return await endpoint.Client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }
}
