using System.Text;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Kubewarden's protocol fallback: HTTPS with verification (system roots or the host's authorities); for hosts in
/// <c>insecure_sources</c> only, then HTTPS without verification, then plain HTTP.
/// </summary>
internal sealed class ProtocolFallback(HostHttpClients clients, ILogger logger)
{
    /// <summary>
    /// Runs <paramref name="attempt"/> against each allowed endpoint in turn until one does not fail to connect.
    /// </summary>
    /// <param name="hostAndPort">The host as written in the URL.</param>
    /// <param name="pathAndQuery">The path being requested, for error messages.</param>
    /// <param name="allowHttpsFirst">False for an <c>http://</c> URL: only plain HTTP is attempted (and only for insecure hosts).</param>
    /// <param name="attempt">The operation; a <see cref="HttpRequestException"/> from it moves on to the next endpoint.</param>
    /// <param name="cancellationToken">Cancels the attempts.</param>
    public async Task<T> RunAsync<T>(string hostAndPort, string pathAndQuery, bool allowHttpsFirst,
        Func<RemoteEndpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var insecure = clients.Sources.IsInsecure(hostAndPort);
        if (!allowHttpsFirst && !insecure)
        {
            throw new OciRegistryException(
                $"refusing plain http://{hostAndPort}{pathAndQuery}: plain HTTP is only used for hosts listed in insecure_sources of sources.yml");
        }

        var failures = new List<(Uri Url, HttpRequestException Error)>();
        foreach (var endpoint in Candidates(hostAndPort, insecure, allowHttpsFirst))
        {
            try
            {
                return await attempt(endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                var url = endpoint.Resolve(pathAndQuery);
                logger.EndpointFailed(url, endpoint.Verification, Describe(e));
                failures.Add((url, e));
            }
        }

        throw Unreachable(hostAndPort, insecure, failures);
    }

    private IEnumerable<RemoteEndpoint> Candidates(string hostAndPort, bool insecure, bool allowHttps)
    {
        if (allowHttps)
        {
            yield return new RemoteEndpoint(new Uri($"https://{hostAndPort}/"), clients.Get(hostAndPort, TlsVerification.Verified), TlsVerification.Verified);
        }

        if (insecure)
        {
            if (allowHttps)
            {
                yield return new RemoteEndpoint(new Uri($"https://{hostAndPort}/"), clients.Get(hostAndPort, TlsVerification.Unverified), TlsVerification.Unverified);
            }

            yield return new RemoteEndpoint(new Uri($"http://{hostAndPort}/"), clients.Get(hostAndPort, TlsVerification.Verified), TlsVerification.Verified);
        }
    }

    private static OciRegistryException Unreachable(string hostAndPort, bool insecure, List<(Uri Url, HttpRequestException Error)> failures)
    {
        var message = new StringBuilder();
        foreach (var (url, error) in failures)
        {
            message.Append(message.Length == 0 ? "could not reach " : "; then ").Append(url).Append(": ").Append(Describe(error));
        }

        message.Append(insecure
            ? ". Check that the server is running and reachable."
            : $". If {hostAndPort} uses a private CA, add it to source_authorities in sources.yml; for a development registry, list {hostAndPort} in insecure_sources.");
        return new OciRegistryException(message.ToString(), failures[^1].Error) { IsTransient = true };
    }

    // HttpClient wraps TLS and socket errors ("The SSL connection could not be established, see inner exception").
    internal static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
        }

        return string.Join(" -> ", parts);
    }
}
