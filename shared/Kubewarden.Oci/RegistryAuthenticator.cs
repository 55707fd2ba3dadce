using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Answers registry challenges: <c>Basic</c> with Docker config credentials, <c>Bearer</c> with a token fetched from the
/// challenge's realm (with those credentials when present) and cached per (registry, scope).
/// </summary>
internal sealed class RegistryAuthenticator(
    DockerCredentialStore credentials, HostHttpClients clients, BearerTokenCache tokens, ILogger logger)
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    public async Task<AuthenticationHeaderValue> AuthorizeAsync(string registry, AuthChallenge? challenge, string scope,
        Uri requestUri, CancellationToken cancellationToken)
    {
        var found = credentials.Find(registry);
        if (challenge is { IsBearer: true } && challenge.Parameter("realm") is { Length: > 0 } realm)
        {
            var tokenScope = challenge.Parameter("scope") ?? scope;
            if (!tokens.TryGet(registry, tokenScope, out var token))
            {
                token = await FetchTokenAsync(registry, realm, challenge.Parameter("service"), tokenScope, found, requestUri, cancellationToken)
                    .ConfigureAwait(false);
            }

            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (challenge is { IsBasic: true } && found is not null)
        {
            return BasicHeader(found);
        }

        throw Rejected(registry, requestUri);
    }

    public RegistryAuthenticationException Rejected(string registry, Uri requestUri) =>
        new(credentials.Find(registry) is not null
            ? $"401 Unauthorized from registry {registry} ({requestUri}): the credentials for {registry} from {credentials.ConfigPath} were rejected; fix that auths entry"
            : $"401 Unauthorized from registry {registry} ({requestUri}): anonymous access was refused and {credentials.ConfigPath} has no credentials for {registry}; add an auths entry (docker login {registry})");

    private async Task<string> FetchTokenAsync(string registry, string realm, string? service, string scope,
        RegistryCredentials? found, Uri requestUri, CancellationToken cancellationToken)
    {
        var realmUri = TokenRequestUri(realm, service, scope);
        var verification = clients.Sources.IsInsecure(realmUri.Authority) ? TlsVerification.Unverified : TlsVerification.Verified;
        using var request = new HttpRequestMessage(HttpMethod.Get, realmUri);
        if (found is not null)
        {
            request.Headers.Authorization = BasicHeader(found);
        }

        using var response = await clients.Get(realmUri.Authority, verification).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw Rejected(registry, requestUri);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new OciRegistryException($"the token service {realmUri} of registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}")
            {
                IsTransient = RegistrySession.IsTransientStatus(response.StatusCode),
            };
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, OciJsonContext.Default.TokenResponse);
        }
        catch (JsonException e)
        {
            throw new OciRegistryException($"the token service {realmUri} of registry {registry} answered something that is not token JSON: {e.Message}", e);
        }

        var token = parsed?.Token ?? parsed?.AccessToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new OciRegistryException($"the token service {realmUri} of registry {registry} answered without a token or access_token");
        }

        var lifetime = parsed!.ExpiresIn is > 0 ? TimeSpan.FromSeconds(parsed.ExpiresIn.Value) : DefaultTokenLifetime;
        tokens.Add(registry, scope, token, lifetime);
        logger.TokenObtained(registry, scope, (int)lifetime.TotalSeconds);
        return token;
    }

    private static Uri TokenRequestUri(string realm, string? service, string scope)
    {
        var query = new StringBuilder();
        if (!string.IsNullOrEmpty(service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        if (scope.Length > 0)
        {
            query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(scope));
        }

        var builder = new UriBuilder(realm);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + query : query.ToString();
        return builder.Uri;
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials found) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{found.Username}:{found.Password}")));
}
