namespace Kubewarden.Admission;

/// <summary>
/// A Kubernetes group/version/resource triple, serialized as <c>{"group":…,"version":…,"resource":…}</c>.
/// </summary>
public sealed record GroupVersionResource
{
    /// <summary>The API group (empty string for the core group).</summary>
    public required string Group { get; init; }

    /// <summary>The API version, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The resource, e.g. <c>pods</c>.</summary>
    public required string Resource { get; init; }
}
