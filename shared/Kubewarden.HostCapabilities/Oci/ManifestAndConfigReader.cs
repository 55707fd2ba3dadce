using System.Buffers;
using System.Text.Json;
using Kubewarden.Oci;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// Reads an image's manifest and config for <c>oci/v1/oci_manifest_config</c>. An image index is resolved to the entry
/// of the running platform (the first whose os and architecture match, as Kubewarden's OCI client picks it); the
/// answer's <c>digest</c> is that image manifest's digest.
/// </summary>
internal sealed class ManifestAndConfigReader(OciRegistryClient client)
{
    private const int MaxConfigBytes = 16 * 1024 * 1024;

    /// <summary>The answer JSON: <c>{"manifest": …, "digest": "sha256:…", "config": …}</c>.</summary>
    /// <exception cref="OciRegistryException">The registry failed, or served something that is not an image with a JSON config.</exception>
    public async Task<byte[]> ReadAsync(OciReference reference)
    {
        var manifest = RegistryManifest.Parse(await client.GetManifestAsync(reference).ConfigureAwait(false), reference);
        if (manifest.IsIndex)
        {
            manifest = await ResolvePlatformAsync(reference, manifest).ConfigureAwait(false);
        }

        var configDigest = manifest.ConfigDigest
            ?? throw new OciRegistryException($"the manifest {manifest.Content.Digest} of {reference} has no config descriptor with a sha256 digest");
        var config = await ReadConfigAsync(reference, configDigest).ConfigureAwait(false);
        return Answer(manifest.Content, config);
    }

    private async Task<RegistryManifest> ResolvePlatformAsync(OciReference reference, RegistryManifest index)
    {
        var entry = index.Platforms.FirstOrDefault(p => p.Os == RunningPlatform.OperatingSystem && p.Architecture == RunningPlatform.Architecture);
        if (entry.Digest is null)
        {
            throw new OciRegistryException($"the image index of {reference} has no entry for the platform {RunningPlatform.Name}");
        }

        var platformReference = reference.WithDigest(entry.Digest);
        var manifest = RegistryManifest.Parse(await client.GetManifestAsync(platformReference).ConfigureAwait(false), platformReference);
        return manifest.IsIndex
            ? throw new OciRegistryException($"the {RunningPlatform.Name} entry {entry.Digest} of the image index of {reference} is another image index, not an image manifest")
            : manifest;
    }

    private async Task<byte[]> ReadConfigAsync(OciReference reference, string digest)
    {
        var stream = await client.OpenBlobAsync(reference, digest).ConfigureAwait(false);
        byte[] config;
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxConfigBytes)
                {
                    throw new OciRegistryException($"the config blob {digest} of {reference} is larger than the {MaxConfigBytes} bytes accepted");
                }

                buffer.Write(chunk, 0, read);
            }

            config = buffer.ToArray();
        }

        var actual = OciDigest.Of(config);
        if (actual != digest)
        {
            throw new OciRegistryException($"the config blob of {reference} has digest {actual}, not the manifest's {digest}; refusing it");
        }

        try
        {
            using var document = JsonDocument.Parse(config);
        }
        catch (JsonException e)
        {
            throw new OciRegistryException($"the config blob {digest} of {reference} is not JSON: {e.Message}", e);
        }

        return config;
    }

    private static byte[] Answer(OciManifestContent manifest, byte[] config)
    {
        var buffer = new ArrayBufferWriter<byte>(manifest.Content.Length + config.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("manifest");
            writer.WriteRawValue(manifest.Content, skipInputValidation: true);
            writer.WriteString("digest", manifest.Digest);
            writer.WritePropertyName("config");
            writer.WriteRawValue(config, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
