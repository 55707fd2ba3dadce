namespace Kubewarden.Evaluation.Metadata;

/// <summary>One admission rule of the metadata (setters: see <see cref="PolicyMetadata"/>).</summary>
public sealed record PolicyRule
{
    /// <summary>API groups.</summary>
    public IReadOnlyList<string> ApiGroups { get; set; } = [];

    /// <summary>API versions.</summary>
    public IReadOnlyList<string> ApiVersions { get; set; } = [];

    /// <summary>Resources.</summary>
    public IReadOnlyList<string> Resources { get; set; } = [];

    /// <summary>Operations: CREATE, UPDATE, DELETE, CONNECT or *.</summary>
    public IReadOnlyList<string> Operations { get; set; } = [];
}
