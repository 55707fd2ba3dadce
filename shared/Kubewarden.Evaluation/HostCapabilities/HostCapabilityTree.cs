using System.Collections.Frozen;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>The capability paths Kubewarden defines (<c>namespace/operation</c>); <c>tracing/log</c> is never gated.</summary>
public static class HostCapabilityTree
{
    /// <summary>Every gated leaf path.</summary>
    public static readonly FrozenSet<string> Leaves = FrozenSet.Create(
        StringComparer.Ordinal,
        "oci/v1/verify",
        "oci/v2/verify",
        "oci/v1/manifest_digest",
        "oci/v1/oci_manifest",
        "oci/v1/oci_manifest_config",
        "net/v1/dns_lookup_host",
        "crypto/v1/is_certificate_trusted",
        "kubernetes/list_resources_by_namespace",
        "kubernetes/list_resources_all",
        "kubernetes/get_resource",
        "kubernetes/can_i");

    /// <summary>Namespaces that exist (the first segment of a leaf, plus <c>tracing</c>).</summary>
    public static readonly FrozenSet<string> Namespaces =
        Leaves.Select(l => l[..l.IndexOf('/', StringComparison.Ordinal)]).Append("tracing").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Intermediate nodes (<c>oci</c>, <c>oci/v1</c>, ...): a pattern may end below them only with <c>/*</c>.</summary>
    public static readonly FrozenSet<string> Nodes = Leaves
        .SelectMany(Prefixes)
        .ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<string> Prefixes(string leaf)
    {
        for (var i = leaf.IndexOf('/', StringComparison.Ordinal); i >= 0; i = leaf.IndexOf('/', i + 1))
        {
            yield return leaf[..i];
        }
    }
}
