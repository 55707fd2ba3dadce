using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Metadata;

/// <summary>The JSON in a module's <c>io.kubewarden.metadata</c> custom section (camelCase).</summary>
public sealed record PolicyMetadata
{
    /// <summary><c>v1</c>, <c>Unknown</c>, or null when absent.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>Resources the policy targets; required.</summary>
    [JsonRequired]
    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>Free-form annotations (title, author, ...).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Whether the policy may return a mutated object; required.</summary>
    [JsonRequired]
    public bool Mutating { get; init; }

    /// <summary>Whether the audit scanner evaluates the policy; default true.</summary>
    public bool BackgroundAudit { get; init; } = true;

    /// <summary>Execution mode name; default <c>kubewarden-wapc</c>.</summary>
    public string ExecutionMode { get; init; } = "kubewarden-wapc";

    /// <summary><c>kubernetes</c> (default) or <c>raw</c>; informational for the server.</summary>
    public string PolicyType { get; init; } = "kubernetes";

    /// <summary>Kubernetes resources the policy says it reads; informational (policies.yml is enforced).</summary>
    public IReadOnlyList<ContextAwareResource> ContextAwareResources { get; init; } = [];

    /// <summary>Host capabilities the policy says it uses; informational.</summary>
    public IReadOnlyList<string>? HostCapabilities { get; init; }

    /// <summary>Lowest Kubewarden version the policy runs on, as semver.</summary>
    public string? MinimumKubewardenVersion { get; init; }
}
