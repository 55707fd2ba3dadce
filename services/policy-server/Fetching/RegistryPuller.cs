using Kubewarden.Oci;

namespace Kubewarden.PolicyServer.Fetching;

/// <summary>
/// Pulls registry policies, through the registry cache when one is configured (<c>--registry-cache</c>): the reference
/// <c>H/R:T</c> becomes <c>&lt;cache&gt;/H/R:T</c>, digests are verified as for a direct pull, and when the cache cannot
/// be reached (or fails with a server error) the policy is pulled directly, with a warning.
/// </summary>
internal sealed partial class RegistryPuller(OciRegistryClient client, RegistryCacheAddress? cache, ILogger<RegistryPuller> logger)
{
    /// <summary>Pulls <paramref name="reference"/>'s Wasm layer to <paramref name="path"/>.</summary>
    /// <exception cref="OciRegistryException">Neither the cache nor the registry delivered a valid policy.</exception>
    public async Task<OciPullResult> PullAsync(OciReference reference, string path, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return await client.PullToFileAsync(reference, path, cancellationToken).ConfigureAwait(false);
        }

        var cached = reference.ThroughCache(cache.Host);
        try
        {
            return await client.PullToFileAsync(cached, path, cancellationToken).ConfigureAwait(false);
        }
        catch (OciRegistryException e) when (e.IsTransient)
        {
            LogCacheUnavailable(logger, cache.Host, reference.ToString(), e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogCacheUnavailable(logger, cache.Host, reference.ToString(), "the request timed out");
        }

        return await client.PullToFileAsync(reference, path, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = PolicyServerEventIds.RegistryCacheUnavailable, EventName = nameof(PolicyServerEventIds.RegistryCacheUnavailable), Level = LogLevel.Warning,
        Message = "The registry cache {CacheHost} could not serve {Reference} ({Reason}); pulling it directly from its registry")]
    private static partial void LogCacheUnavailable(ILogger logger, string cacheHost, string reference, string reason);
}
