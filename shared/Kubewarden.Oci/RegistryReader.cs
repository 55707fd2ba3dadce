using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// The two reads of the distribution API: a manifest's bytes (digest verified against a pinned reference) and a blob's
/// response, over an authenticated session.
/// </summary>
internal sealed class RegistryReader(ILogger logger)
{
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    private static readonly string[] AcceptedManifests =
        [OciMediaTypes.OciManifest, OciMediaTypes.DockerManifestV2, OciMediaTypes.OciIndex, OciMediaTypes.DockerManifestList];

    /// <summary>The manifest the session's reference names, refused when it does not hash to a pinned digest.</summary>
    public async Task<OciManifestContent> FetchManifestAsync(RegistrySession session, CancellationToken cancellationToken)
    {
        var reference = session.Reference;
        var uri = session.RepositoryUri($"manifests/{reference.ManifestReference}");
        var started = Stopwatch.GetTimestamp();
        using var response = await session.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var mediaType in AcceptedManifests)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            }

            return request;
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new OciNotFoundException($"could not fetch registry://{reference}: the registry has no manifest {reference.ManifestReference} in {reference.Repository} ({uri} answered 404)");
        }

        await RegistrySession.EnsureSuccessAsync(response, $"fetching the manifest of registry://{reference}", cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new OciRegistryException($"the manifest of registry://{reference} is {response.Content.Headers.ContentLength} bytes, more than the {MaxManifestBytes} accepted");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = OciDigest.Of(bytes);
        if (reference.Digest is { } pinned && !string.Equals(pinned, digest, StringComparison.Ordinal))
        {
            throw new OciDigestMismatchException($"the manifest received for registry://{reference} has digest {digest}, not the requested {pinned}; refusing it");
        }

        logger.ManifestResolved(reference.ToString(), digest, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? OciMediaTypes.OciManifest;
        return new OciManifestContent(digest, mediaType, bytes);
    }

    /// <summary>The successful response to <c>GET blobs/<paramref name="digest"/></c>, its body not read yet.</summary>
    /// <param name="session">The repository's session.</param>
    /// <param name="digest">The blob digest.</param>
    /// <param name="what">What the blob is, for error messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<HttpResponseMessage> GetBlobAsync(RegistrySession session, string digest, string what, CancellationToken cancellationToken)
    {
        var uri = session.RepositoryUri($"blobs/{digest}");
        var response = await session.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseHeadersRead,
            cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new OciNotFoundException($"{what}: the registry has no blob {digest} in {session.Reference.Repository} ({uri} answered 404)");
            }

            await RegistrySession.EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
