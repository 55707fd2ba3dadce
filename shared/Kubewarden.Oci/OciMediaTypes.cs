namespace Kubewarden.Oci;

/// <summary>
/// Media types of Kubewarden policy artifacts and of the manifests that carry them.
/// </summary>
public static class OciMediaTypes
{
    /// <summary>The OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The Docker image manifest, schema 2.</summary>
    public const string DockerManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The OCI image index (a list of manifests, not a policy).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>The Docker manifest list (a list of manifests, not a policy).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>The config blob of a Wasm artifact.</summary>
    public const string WasmConfig = "application/vnd.wasm.config.v1+json";

    /// <summary>The layer holding the WebAssembly module.</summary>
    public const string WasmLayer = "application/vnd.wasm.content.layer.v1+wasm";
}
