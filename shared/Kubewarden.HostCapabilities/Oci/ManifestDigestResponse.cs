namespace Kubewarden.HostCapabilities.Oci;

/// <summary>The answer of <c>oci/v1/manifest_digest</c>: <c>{"digest": "sha256:…"}</c>.</summary>
internal sealed record ManifestDigestResponse(string Digest);
