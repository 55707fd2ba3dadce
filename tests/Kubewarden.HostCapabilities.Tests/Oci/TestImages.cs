using System.Security.Cryptography;
using System.Text;
using Kubewarden.Oci;
using Kubewarden.Oci.Tests.Registry;

namespace Kubewarden.HostCapabilities.Tests.Oci;

/// <summary>An image pushed with the test's own bytes: its manifest and config, as JSON text and digests.</summary>
internal sealed record PushedImage(string ManifestJson, string ManifestDigest, string ConfigJson, string ConfigDigest);

/// <summary>Builds container images (config, one layer, OCI manifest) and image indexes in a <see cref="RegistryServer"/>.</summary>
internal static class TestImages
{
    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    /// <summary>Pushes an image for <paramref name="architecture"/> under <paramref name="tag"/>.</summary>
    public static async Task<PushedImage> PushImageAsync(RegistryServer registry, string repository, string tag, string architecture)
    {
        using var writer = new RawRegistryWriter(registry);
        var config = $$$"""{"architecture":"{{{architecture}}}","os":"linux","config":{"Labels":{"built-for":"{{{repository}}}:{{{tag}}}"}},"rootfs":{"type":"layers","diff_ids":[]}}""";
        var configBytes = Encoding.UTF8.GetBytes(config);
        var configDigest = await writer.PutBlobAsync(repository, configBytes);
        var layer = RandomNumberGenerator.GetBytes(512);
        var layerDigest = await writer.PutBlobAsync(repository, layer);
        var manifest = $$"""
            {
              "schemaVersion": 2,
              "mediaType": "{{OciMediaTypes.OciManifest}}",
              "config": {"mediaType": "{{ConfigMediaType}}", "digest": "{{configDigest}}", "size": {{configBytes.Length}}},
              "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{{layerDigest}}", "size": {{layer.Length}}}],
              "annotations": {"org.opencontainers.image.title": "{{repository}}"}
            }
            """;
        var manifestDigest = await writer.PutManifestAsync(repository, tag, manifest);
        return new PushedImage(manifest, manifestDigest, config, configDigest);
    }

    /// <summary>Pushes an index of <paramref name="entries"/> (image, architecture) under <paramref name="tag"/>; returns its JSON and digest.</summary>
    public static async Task<(string Json, string Digest)> PushIndexAsync(RegistryServer registry, string repository, string tag,
        params (PushedImage Image, string Architecture)[] entries)
    {
        using var writer = new RawRegistryWriter(registry);
        var manifests = string.Join(",", entries.Select(e =>
            $$$"""{"mediaType":"{{{OciMediaTypes.OciManifest}}}","digest":"{{{e.Image.ManifestDigest}}}","size":{{{Encoding.UTF8.GetByteCount(e.Image.ManifestJson)}}},"platform":{"architecture":"{{{e.Architecture}}}","os":"linux"}}"""));
        var index = $$"""{"schemaVersion":2,"mediaType":"{{OciMediaTypes.OciIndex}}","manifests":[{{manifests}}]}""";
        return (index, await writer.PutManifestAsync(repository, tag, index, OciMediaTypes.OciIndex));
    }
}
