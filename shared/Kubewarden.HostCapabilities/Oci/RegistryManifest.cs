using System.Text.Json;
using Kubewarden.Oci;

namespace Kubewarden.HostCapabilities.Oci;

/// <summary>
/// A manifest as the registry served it, checked the way Kubewarden's OCI client checks it (schema version 2, a known
/// media type) and classified as an image index or an image manifest.
/// </summary>
internal sealed class RegistryManifest
{
    private static readonly string[] IndexTypes = [OciMediaTypes.OciIndex, OciMediaTypes.DockerManifestList];
    private static readonly string[] ImageTypes = [OciMediaTypes.OciManifest, OciMediaTypes.DockerManifestV2];

    private RegistryManifest(OciManifestContent content, bool isIndex, string? configDigest, IReadOnlyList<(string Os, string Architecture, string Digest)> platforms)
    {
        Content = content;
        IsIndex = isIndex;
        ConfigDigest = configDigest;
        Platforms = platforms;
    }

    /// <summary>The manifest's bytes, digest and announced media type.</summary>
    public OciManifestContent Content { get; }

    /// <summary>Whether this is an image index (or Docker manifest list) rather than an image manifest.</summary>
    public bool IsIndex { get; }

    /// <summary>The config blob's digest of an image manifest; null when it has no config with a SHA-256 digest.</summary>
    public string? ConfigDigest { get; }

    /// <summary>The platform entries (with a SHA-256 digest) of an index, in order.</summary>
    public IReadOnlyList<(string Os, string Architecture, string Digest)> Platforms { get; }

    /// <summary>Reads <paramref name="content"/>, fetched for <paramref name="reference"/>.</summary>
    /// <exception cref="OciRegistryException">The content is not a manifest Kubewarden accepts.</exception>
    public static RegistryManifest Parse(OciManifestContent content, OciReference reference)
    {
        try
        {
            using var document = JsonDocument.Parse(content.Content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(reference, "it is not a JSON object");
            }

            var version = root.TryGetProperty("schemaVersion", out var schemaVersion) ? schemaVersion.GetRawText() : "missing";
            if (version != "2")
            {
                throw Invalid(reference, $"its schemaVersion is {version}, not 2");
            }

            var mediaType = root.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : null;
            if (mediaType is not null && !IndexTypes.Contains(mediaType) && !ImageTypes.Contains(mediaType))
            {
                throw Invalid(reference, $"its mediaType {mediaType} is neither an image manifest nor an image index");
            }

            var isIndex = IndexTypes.Contains(mediaType ?? content.MediaType) || (mediaType is null && root.TryGetProperty("manifests", out _));
            return isIndex
                ? new RegistryManifest(content, true, null, ReadPlatforms(root))
                : new RegistryManifest(content, false, ReadConfigDigest(root), []);
        }
        catch (JsonException e)
        {
            throw Invalid(reference, $"it is not JSON: {e.Message}");
        }
    }

    private static string? ReadConfigDigest(JsonElement root) =>
        root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
        && config.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String && OciDigest.IsSha256(digest.GetString()!)
            ? digest.GetString()
            : null;

    private static List<(string, string, string)> ReadPlatforms(JsonElement root)
    {
        var platforms = new List<(string, string, string)>();
        if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
        {
            return platforms;
        }

        foreach (var entry in manifests.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String && OciDigest.IsSha256(digest.GetString()!)
                && entry.TryGetProperty("platform", out var platform) && platform.ValueKind == JsonValueKind.Object)
            {
                platforms.Add((Text(platform, "os"), Text(platform, "architecture"), digest.GetString()!));
            }
        }

        return platforms;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static OciRegistryException Invalid(OciReference reference, string why) =>
        new($"the manifest of {reference} is not an OCI image manifest or index: {why}");
}
