using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Pulls a policy: resolves and verifies the manifest, picks its Wasm layer, and streams the blob to a file while hashing
/// it; the file only appears once the digest has been verified.
/// </summary>
internal sealed class PolicyPuller(RegistrySessionFactory sessions, RegistryReader reader, ILogger logger)
{
    public async Task<OciPullResult> PullToFileAsync(OciReference reference, string destinationPath, CancellationToken cancellationToken)
    {
        var session = await sessions.OpenAsync(reference, "pull", cancellationToken).ConfigureAwait(false);
        var content = await reader.FetchManifestAsync(session, cancellationToken).ConfigureAwait(false);
        var manifest = ParseManifest(content.Content, reference);
        var layer = SelectLayer(manifest, reference);
        await DownloadBlobAsync(session, layer, destinationPath, cancellationToken).ConfigureAwait(false);
        return new OciPullResult(reference, content.Digest, layer.Digest, layer.Size, destinationPath,
            manifest.Annotations ?? new Dictionary<string, string>());
    }

    private static OciManifest ParseManifest(byte[] bytes, OciReference reference)
    {
        OciManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.OciManifest);
        }
        catch (JsonException e)
        {
            throw new OciRegistryException($"the manifest of registry://{reference} is not valid manifest JSON: {e.Message}", e);
        }

        if (manifest is null)
        {
            throw new OciRegistryException($"the manifest of registry://{reference} is empty JSON (null)");
        }

        if (manifest.Manifests is not null || manifest.MediaType is OciMediaTypes.OciIndex or OciMediaTypes.DockerManifestList)
        {
            throw new OciRegistryException($"registry://{reference} is an image index, not a policy; reference the policy's own manifest");
        }

        return manifest;
    }

    private static OciDescriptor SelectLayer(OciManifest manifest, OciReference reference)
    {
        if (manifest.Layers is not { Count: > 0 } layers)
        {
            throw new OciRegistryException($"could not pull policy registry://{reference}: empty layers");
        }

        var layer = layers.FirstOrDefault(l => l.MediaType == OciMediaTypes.WasmLayer)
            ?? throw new OciRegistryException(
                $"could not pull policy registry://{reference}: no layer has media type {OciMediaTypes.WasmLayer} (found {string.Join(", ", layers.Select(l => l.MediaType))}); is it a Kubewarden policy?");
        if (!OciDigest.IsSha256(layer.Digest))
        {
            throw new OciRegistryException($"could not pull policy registry://{reference}: the layer digest {layer.Digest} is not a sha256 digest");
        }

        return layer;
    }

    private async Task DownloadBlobAsync(RegistrySession session, OciDescriptor layer, string destinationPath, CancellationToken cancellationToken)
    {
        var reference = session.Reference;
        var uri = session.RepositoryUri($"blobs/{layer.Digest}");
        var started = Stopwatch.GetTimestamp();
        using var response = await RegistryReader.GetBlobAsync(session, layer.Digest, $"downloading the Wasm layer of registry://{reference}", cancellationToken)
            .ConfigureAwait(false);

        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        Directory.CreateDirectory(directory);
        var partialPath = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            var (digest, size) = await CopyHashingAsync(response, partialPath, layer.Size, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(digest, layer.Digest, StringComparison.Ordinal) || size != layer.Size)
            {
                throw new OciDigestMismatchException(
                    $"the Wasm layer of registry://{reference} ({uri}) hashes to {digest} ({size} bytes), not the manifest's {layer.Digest} ({layer.Size} bytes); refusing it");
            }

            File.Move(partialPath, destinationPath, overwrite: true);
        }
        finally
        {
            File.Delete(partialPath);
        }

        logger.LayerDownloaded(reference.ToString(), layer.Digest, layer.Size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    // Reads at most one byte past the announced size, so a registry cannot fill the disk by sending more.
    private static async Task<(string Digest, long Size)> CopyHashingAsync(HttpResponseMessage response, string path, long expectedSize,
        CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while (total <= expectedSize && (read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    total += read;
                }

                return (OciDigest.Format(hash.GetHashAndReset()), total);
            }
        }
    }
}
