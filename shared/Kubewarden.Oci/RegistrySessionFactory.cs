using System.Collections.Concurrent;

namespace Kubewarden.Oci;

/// <summary>
/// Opens sessions to repositories, finding each registry's endpoint once (protocol fallback on <c>GET /v2/</c>) and
/// remembering it for later operations.
/// </summary>
internal sealed class RegistrySessionFactory(ProtocolFallback fallback, RegistryAuthenticator authenticator)
{
    private const string ApiRoot = "/v2/";

    private readonly ConcurrentDictionary<string, RemoteEndpoint> _endpoints = new(StringComparer.Ordinal);

    /// <summary>Opens a session to the reference's repository.</summary>
    /// <param name="reference">The repository.</param>
    /// <param name="actions"><c>pull</c> or <c>pull,push</c>: the token scope asked for when the registry names none.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public async Task<RegistrySession> OpenAsync(OciReference reference, string actions, CancellationToken cancellationToken)
    {
        var host = reference.ApiHost;
        if (!_endpoints.TryGetValue(host, out var endpoint))
        {
            endpoint = await fallback.RunAsync(host, ApiRoot, allowHttpsFirst: true, ProbeAsync, cancellationToken).ConfigureAwait(false);
            _endpoints[host] = endpoint;
        }

        return new RegistrySession(reference, endpoint, authenticator, actions);
    }

    // Any HTTP answer, including 401, shows that this endpoint speaks HTTP(S) with the registry.
    private static async Task<RemoteEndpoint> ProbeAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var response = await endpoint.Client.GetAsync(endpoint.Resolve(ApiRoot), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        return endpoint;
    }
}
