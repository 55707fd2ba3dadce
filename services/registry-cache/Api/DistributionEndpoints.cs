using Kubewarden.RegistryCache.Caching;
using Kubewarden.RegistryCache.Storage;
using Kubewarden.RegistryCache.Upstream;

namespace Kubewarden.RegistryCache.Api;

/// <summary>
/// The read side of the OCI distribution API: <c>/v2/</c>, and manifests and blobs of
/// <c>/v2/&lt;upstream host&gt;/&lt;repository&gt;/…</c>, answered from the shared store or pulled through from the upstream.
/// </summary>
internal static partial class DistributionEndpoints
{
    public static IEndpointRouteBuilder MapDistributionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/v2/", ["GET", "HEAD"], () => Results.Text("{}", "application/json"));
        endpoints.MapMethods("/v2/{**path}", ["GET", "HEAD"], Serve);
        endpoints.MapMethods("/v2/{**path}", ["POST", "PUT", "PATCH", "DELETE"], () => OciError.Unsupported("the registry cache is read-only; push to the upstream registry"));
        return endpoints;
    }

    private static async Task<IResult> Serve(
        string path, HttpContext context, PullThroughCache cache, RegistryCacheOptions options, ILogger<PullThroughCache> logger, CancellationToken cancellationToken)
    {
        if (!TrySplit(path, out var name, out var kind, out var reference))
        {
            return OciError.NameUnknown(path, "expected <upstream host>/<repository>/manifests/<reference> or .../blobs/<digest>");
        }

        if (!RegistryName.TryParse(name, out var registryName))
        {
            return OciError.NameUnknown(name, "the first segment of the name must be the upstream registry host");
        }

        if (!options.Upstreams.Contains(registryName.Host, StringComparer.OrdinalIgnoreCase))
        {
            return OciError.NameUnknown(name, $"the upstream registry {registryName.Host} is not one this cache serves");
        }

        ContentDescriptor descriptor;
        try
        {
            descriptor = kind == "manifests"
                ? await cache.GetManifestAsync(registryName.Host, registryName.Repository, reference, cancellationToken).ConfigureAwait(false)
                : await cache.GetBlobAsync(registryName.Host, registryName.Repository, reference, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamNotFoundException e)
        {
            return kind == "manifests" ? OciError.ManifestUnknown(e.Message) : OciError.BlobUnknown(e.Message);
        }
        catch (ContentDigestMismatchException e)
        {
            LogDigestMismatch(logger, registryName.ToString(), reference, e.Message);
            return OciError.DigestInvalid(e.Message);
        }
        catch (Exception e) when (e is UpstreamUnavailableException or HttpRequestException)
        {
            LogUpstreamFailed(logger, registryName.ToString(), reference, e.Message);
            return OciError.UpstreamFailed($"{registryName.Host}: {e.Message}");
        }

        context.Response.Headers["Docker-Content-Digest"] = descriptor.Digest;
        context.Response.ContentType = descriptor.MediaType;
        context.Response.ContentLength = descriptor.Size;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Results.Empty;
        }

        await cache.CopyToAsync(descriptor, context.Response.Body, cancellationToken).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary><c>name/manifests/reference</c> or <c>name/blobs/digest</c>, where the name may contain slashes.</summary>
    private static bool TrySplit(string path, out string name, out string kind, out string reference)
    {
        foreach (var candidate in new[] { "manifests", "blobs" })
        {
            var marker = $"/{candidate}/";
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 0 && at + marker.Length < path.Length)
            {
                (name, kind, reference) = (path[..at], candidate, path[(at + marker.Length)..]);
                return true;
            }
        }

        (name, kind, reference) = (string.Empty, string.Empty, string.Empty);
        return false;
    }

    [LoggerMessage(EventId = 8010, EventName = "UpstreamDigestMismatch", Level = LogLevel.Warning,
        Message = "Refused {Name}@{Reference} from upstream: {Problem}")]
    private static partial void LogDigestMismatch(ILogger logger, string name, string reference, string problem);

    [LoggerMessage(EventId = 8011, EventName = "UpstreamFailed", Level = LogLevel.Warning,
        Message = "Upstream pull of {Name}@{Reference} failed: {Problem}")]
    private static partial void LogUpstreamFailed(ILogger logger, string name, string reference, string problem);
}
