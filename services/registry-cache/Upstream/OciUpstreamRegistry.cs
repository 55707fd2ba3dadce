using Kubewarden.Oci;
using Kubewarden.RegistryCache.Storage;

namespace Kubewarden.RegistryCache.Upstream;

/// <summary>
/// The upstream registries through <see cref="OciRegistryClient"/>, with the cache's own Docker config and sources.yml;
/// its errors become the cache's: 404 → <see cref="UpstreamNotFoundException"/>, a manifest not matching its digest →
/// <see cref="ContentDigestMismatchException"/>, anything else → <see cref="UpstreamUnavailableException"/>.
/// </summary>
internal sealed class OciUpstreamRegistry(OciRegistryClient client) : IUpstreamRegistry
{
    public Task<UpstreamManifest> GetManifestAsync(string host, string repository, string reference, CancellationToken cancellationToken) =>
        TranslateAsync(async () =>
        {
            var separator = reference.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":";
            var manifest = await client.GetManifestAsync(Parse($"{host}/{repository}{separator}{reference}"), cancellationToken).ConfigureAwait(false);
            return new UpstreamManifest(manifest.Digest, manifest.MediaType, manifest.Content);
        });

    public Task<Stream> OpenBlobAsync(string host, string repository, string digest, CancellationToken cancellationToken) =>
        TranslateAsync(() => client.OpenBlobAsync(Parse($"{host}/{repository}"), digest, cancellationToken));

    private static OciReference Parse(string reference)
    {
        try
        {
            return OciReference.Parse(reference);
        }
        catch (OciReferenceFormatException e)
        {
            throw new UpstreamNotFoundException(e.Message, e);
        }
    }

    private static async Task<T> TranslateAsync<T>(Func<Task<T>> pull)
    {
        try
        {
            return await pull().ConfigureAwait(false);
        }
        catch (OciNotFoundException e)
        {
            throw new UpstreamNotFoundException(e.Message, e);
        }
        catch (OciDigestMismatchException e)
        {
            throw new ContentDigestMismatchException(e.Message, e);
        }
        catch (Exception e) when (e is OciRegistryException or HttpRequestException)
        {
            throw new UpstreamUnavailableException(e.Message, e);
        }
    }
}
