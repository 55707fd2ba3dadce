namespace Kubewarden.Oci;

/// <summary>A manifest exactly as the registry served it.</summary>
/// <param name="Digest">The digest of <paramref name="Content"/> (<c>sha256:…</c>), computed from the bytes received.</param>
/// <param name="MediaType">The media type the registry announced (<c>Content-Type</c>).</param>
/// <param name="Content">The manifest's bytes, unchanged.</param>
public sealed record OciManifestContent(string Digest, string MediaType, byte[] Content);
