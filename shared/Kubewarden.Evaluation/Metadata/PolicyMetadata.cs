using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Metadata;

/// <summary>The JSON in a module's <c>io.kubewarden.metadata</c> custom section (camelCase).</summary>
/// <remarks>
/// Setters, not <c>init</c>: the System.Text.Json source generator replaces the initial value of an absent
/// <c>init</c> member with <c>default</c>, which would lose the Kubewarden defaults below.
/// </remarks>
public sealed record PolicyMetadata
{
    /// <summary><c>v1</c>, <c>Unknown</c>, or null when absent.</summary>
    public string? ProtocolVersion { get; set; }

    /// <summary>Resources the policy targets; required.</summary>
    [JsonRequired]
    public IReadOnlyList<PolicyRule> Rules { get; set; } = [];

    /// <summary>Free-form annotations (title, author, ...).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; set; }

    /// <summary>Whether the policy may return a mutated object; required.</summary>
    [JsonRequired]
    public bool Mutating { get; set; }

    /// <summary>Whether the audit scanner evaluates the policy; default true.</summary>
    public bool BackgroundAudit { get; set; } = true;

    /// <summary>Execution mode name; default <c>kubewarden-wapc</c>.</summary>
    public string ExecutionMode { get; set; } = "kubewarden-wapc";

    /// <summary><c>kubernetes</c> (default) or <c>raw</c>; informational for the server.</summary>
    public string PolicyType { get; set; } = "kubernetes";

    /// <summary>Kubernetes resources the policy says it reads; informational (policies.yml is enforced).</summary>
    public IReadOnlyList<ContextAwareResource> ContextAwareResources { get; set; } = [];

    /// <summary>Host capabilities the policy says it uses; informational.</summary>
    public IReadOnlyList<string>? HostCapabilities { get; set; }

    /// <summary>Lowest Kubewarden version the policy runs on, as semver.</summary>
    public string? MinimumKubewardenVersion { get; set; }
}
