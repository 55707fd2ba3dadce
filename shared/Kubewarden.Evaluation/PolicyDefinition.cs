using System.Text.Json;
using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Evaluation;

/// <summary>How one policy id uses a module (a policies.yml entry, minus the module location).</summary>
/// <param name="Id">The policy id.</param>
public sealed record PolicyDefinition(string Id)
{
    /// <summary>Settings given to the policy; null or JSON null = <c>{}</c>.</summary>
    public JsonElement? Settings { get; init; }

    /// <summary>Per-policy deadline (<c>timeoutEvalSeconds</c>); null = the global one.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>hostCapabilities</c> patterns; null or empty = deny all.</summary>
    public IReadOnlyList<string>? HostCapabilities { get; init; }

    /// <summary><c>contextAwareResources</c>: the Kubernetes resources the policy may read.</summary>
    public IReadOnlyList<ContextAwareResource> ContextAwareResources { get; init; } = [];

    /// <summary>
    /// kwctl's <c>--execution-mode</c>: overrides the metadata and skips the protocol-version check. The policy-server
    /// never sets it.
    /// </summary>
    public ExecutionMode? ExecutionMode { get; init; }
}
