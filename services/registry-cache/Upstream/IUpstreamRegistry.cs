namespace Kubewarden.RegistryCache.Upstream;

/// <summary>The registries the cache pulls from, with the cache's own credentials and trust settings.</summary>
internal interface IUpstreamRegistry
{
    /// <summary>The manifest <paramref name="reference"/> (tag or digest) of <paramref name="repository"/> on <paramref name="host"/>.</summary>
    Task<UpstreamManifest> GetManifestAsync(string host, string repository, string reference, CancellationToken cancellationToken);

    /// <summary>Opens blob <paramref name="digest"/>; the caller verifies the bytes against the digest as it stores them.</summary>
    Task<Stream> OpenBlobAsync(string host, string repository, string digest, CancellationToken cancellationToken);
}

/// <summary>A manifest as the upstream served it.</summary>
/// <param name="Digest">Its digest (<c>sha256:…</c>), computed from <paramref name="Content"/>.</param>
/// <param name="MediaType">Its media type.</param>
/// <param name="Content">Its bytes, unchanged (clients verify the digest).</param>
internal sealed record UpstreamManifest(string Digest, string MediaType, byte[] Content);
