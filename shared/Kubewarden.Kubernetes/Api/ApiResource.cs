namespace Kubewarden.Kubernetes.Api;

/// <summary>A kind the API server serves: how to address it (plural, scope) and what its objects are called.</summary>
/// <param name="ApiVersion">The group/version, e.g. <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Namespace</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>namespaces</c>.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
public sealed record ApiResource(string ApiVersion, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The URL prefix of the group/version: <c>api/v1</c> or <c>apis/apps/v1</c>.</summary>
    public string GroupVersionPath => ApiVersion.Contains('/', StringComparison.Ordinal) ? $"apis/{ApiVersion}" : $"api/{ApiVersion}";

    /// <summary>The collection across all namespaces (or of a cluster-scoped kind).</summary>
    public string CollectionPath => $"{GroupVersionPath}/{Plural}";

    /// <summary>The collection inside one namespace.</summary>
    public string NamespacedCollectionPath(string @namespace) => $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";

    /// <summary>One object; <paramref name="namespace"/> is ignored for cluster-scoped kinds.</summary>
    public string ObjectPath(string name, string? @namespace) =>
        (Namespaced ? NamespacedCollectionPath(@namespace!) : CollectionPath) + "/" + Uri.EscapeDataString(name);
}
