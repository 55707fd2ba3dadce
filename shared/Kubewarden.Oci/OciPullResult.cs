namespace Kubewarden.Oci;

/// <summary>What a policy pull fetched and verified.</summary>
/// <param name="Reference">The reference that was pulled.</param>
/// <param name="ManifestDigest">The digest of the manifest bytes received (<c>sha256:…</c>).</param>
/// <param name="LayerDigest">The digest of the Wasm layer, verified against the bytes written.</param>
/// <param name="Size">The size of the module in bytes.</param>
/// <param name="FilePath">Where the module was written.</param>
/// <param name="Annotations">The manifest's annotations (empty when it has none).</param>
public sealed record OciPullResult(
    OciReference Reference,
    string ManifestDigest,
    string LayerDigest,
    long Size,
    string FilePath,
    IReadOnlyDictionary<string, string> Annotations);
