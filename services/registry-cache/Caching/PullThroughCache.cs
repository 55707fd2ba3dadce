using Kubewarden.RegistryCache.Storage;
using Kubewarden.RegistryCache.Upstream;

namespace Kubewarden.RegistryCache.Caching;

/// <summary>
/// Finds manifests and blobs in the shared store, pulling each missing digest from upstream once: concurrent requests in
/// this replica share one pull, and replicas racing on a digest both store it, first writer wins.
/// </summary>
internal sealed class PullThroughCache(DaprContentStore store, IUpstreamRegistry upstream, TagCache tags, RegistryCacheMetrics metrics)
{
    private readonly SingleFlight<string, ContentDescriptor> _pulls = new();

    /// <summary>The descriptor of manifest <paramref name="reference"/> (a tag or a digest).</summary>
    public async Task<ContentDescriptor> GetManifestAsync(string host, string repository, string reference, CancellationToken cancellationToken)
    {
        var isDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
        var digest = isDigest ? reference : tags.TryGet(host, repository, reference, out var known) ? known : null;
        if (digest is not null && await store.FindAsync(digest, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            metrics.Hit("manifest");
            return stored;
        }

        metrics.Miss("manifest");
        return await _pulls.RunAsync($"manifest {host}/{repository}@{reference}", async () =>
        {
            var manifest = await upstream.GetManifestAsync(host, repository, reference, cancellationToken).ConfigureAwait(false);
            if (isDigest && !string.Equals(manifest.Digest, reference, StringComparison.Ordinal))
            {
                throw new ContentDigestMismatchException(reference, manifest.Digest);
            }

            metrics.UpstreamPull("manifest", manifest.Content.Length);
            var descriptor = await store.StoreAsync(manifest.Digest, manifest.MediaType, new MemoryStream(manifest.Content), cancellationToken).ConfigureAwait(false);
            if (!isDigest)
            {
                tags.Set(host, repository, reference, manifest.Digest);
            }

            return descriptor;
        }).ConfigureAwait(false);
    }

    /// <summary>The descriptor of blob <paramref name="digest"/>.</summary>
    public async Task<ContentDescriptor> GetBlobAsync(string host, string repository, string digest, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(digest, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            metrics.Hit("blob");
            return stored;
        }

        metrics.Miss("blob");
        return await _pulls.RunAsync($"blob {digest}", async () =>
        {
            // Another request of this replica may have stored it between the lookup and this pull.
            if (await store.FindAsync(digest, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return raced;
            }

            await using var content = await upstream.OpenBlobAsync(host, repository, digest, cancellationToken).ConfigureAwait(false);
            var descriptor = await store.StoreAsync(digest, "application/octet-stream", content, cancellationToken).ConfigureAwait(false);
            metrics.UpstreamPull("blob", descriptor.Size);
            return descriptor;
        }).ConfigureAwait(false);
    }

    /// <summary>Writes stored content to the response.</summary>
    public Task CopyToAsync(ContentDescriptor descriptor, Stream destination, CancellationToken cancellationToken)
    {
        metrics.Served(descriptor.Size);
        return store.CopyToAsync(descriptor, destination, cancellationToken);
    }
}
