using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Evaluation;

/// <summary>Who is evaluating: the identity and grants host capabilities are checked against.</summary>
/// <param name="PolicyId">The policy id (policies.yml key).</param>
/// <param name="HostCapabilities">The granted host capabilities.</param>
/// <param name="ContextAwareResources">The Kubernetes resources the policy may read.</param>
public sealed record PolicyContext(
    string PolicyId,
    HostCapabilityAllowList HostCapabilities,
    IReadOnlyList<ContextAwareResource> ContextAwareResources);
