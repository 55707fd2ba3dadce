namespace Kubewarden.Evaluation.Metadata;

/// <summary>One admission rule of the metadata.</summary>
public sealed record PolicyRule
{
    /// <summary>API groups.</summary>
    public IReadOnlyList<string> ApiGroups { get; init; } = [];

    /// <summary>API versions.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    /// <summary>Resources.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Operations: CREATE, UPDATE, DELETE, CONNECT or *.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];
}
