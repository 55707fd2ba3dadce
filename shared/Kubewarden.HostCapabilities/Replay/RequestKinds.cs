using System.Collections.Frozen;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>The request kinds a policy's host calls become (Kubewarden's <c>CallbackRequestType</c>, spec §2.4).</summary>
internal static class RequestKinds
{
    public static readonly RequestKind OciManifestDigest = new("OciManifestDigest", [Required("image")]);

    public static readonly RequestKind OciManifest = new("OciManifest", [Required("image")]);

    public static readonly RequestKind OciManifestAndConfig = new("OciManifestAndConfig", [Required("image")]);

    public static readonly RequestKind SigstorePubKeyVerify = new(
        "SigstorePubKeyVerify", [Required("image"), Required("pub_keys"), Optional("annotations")]);

    public static readonly RequestKind SigstoreKeylessVerify = new(
        "SigstoreKeylessVerify", [Required("image"), Required("keyless"), Optional("annotations")]);

    public static readonly RequestKind SigstoreKeylessPrefixVerify = new(
        "SigstoreKeylessPrefixVerify", [Required("image"), Required("keyless_prefix"), Optional("annotations")]);

    public static readonly RequestKind SigstoreGithubActionsVerify = new(
        "SigstoreGithubActionsVerify", [Required("image"), Required("owner"), Optional("repo"), Optional("annotations")]);

    public static readonly RequestKind SigstoreCertificateVerify = new(
        "SigstoreCertificateVerify",
        [Required("image"), Required("certificate"), Optional("certificate_chain"), Required("require_rekor_bundle"), Optional("annotations")]);

    public static readonly RequestKind DnsLookupHost = new("DNSLookupHost", [Required("host")]);

    public static readonly RequestKind KubernetesListResourceNamespace = new(
        "KubernetesListResourceNamespace",
        [Required("api_version"), Required("kind"), Required("namespace"), Optional("label_selector"), Optional("field_selector"), Set("field_masks")],
        ReadsKubernetesResources: true);

    public static readonly RequestKind KubernetesListResourceAll = new(
        "KubernetesListResourceAll",
        [Required("api_version"), Required("kind"), Optional("label_selector"), Optional("field_selector"), Set("field_masks")],
        ReadsKubernetesResources: true);

    public static readonly RequestKind KubernetesGetResource = new(
        "KubernetesGetResource",
        [Required("api_version"), Required("kind"), Required("name"), Optional("namespace"), Required("disable_cache"), Set("field_masks")],
        ReadsKubernetesResources: true);

    public static readonly RequestKind KubernetesCanI = new("KubernetesCanI", [Required("request"), Required("disable_cache")]);

    public static readonly RequestKind CryptoIsCertificateTrusted = new("CryptoIsCertificateTrusted", [Required("request")]);

    /// <summary>Every kind, by name.</summary>
    public static readonly FrozenDictionary<string, RequestKind> ByName = new[]
    {
        OciManifestDigest, OciManifest, OciManifestAndConfig, SigstorePubKeyVerify, SigstoreKeylessVerify,
        SigstoreKeylessPrefixVerify, SigstoreGithubActionsVerify, SigstoreCertificateVerify, DnsLookupHost,
        KubernetesListResourceNamespace, KubernetesListResourceAll, KubernetesGetResource, KubernetesCanI,
        CryptoIsCertificateTrusted,
    }.ToFrozenDictionary(kind => kind.Name, StringComparer.Ordinal);

    private static RequestField Required(string name) => new(name, FieldShape.Required);

    private static RequestField Optional(string name) => new(name, FieldShape.Optional);

    private static RequestField Set(string name) => new(name, FieldShape.OptionalSet);
}
