namespace Kubewarden.Admission;

/// <summary>
/// A Kubernetes group/version/kind triple, serialized as <c>{"group":…,"version":…,"kind":…}</c>.
/// </summary>
public sealed record GroupVersionKind
{
    /// <summary>The API group (empty string for the core group).</summary>
    public required string Group { get; init; }

    /// <summary>The API version, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The kind, e.g. <c>Pod</c>.</summary>
    public required string Kind { get; init; }
}
