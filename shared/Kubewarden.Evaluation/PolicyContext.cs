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
    IReadOnlyList<ContextAwareResource> ContextAwareResources)
{
    /// <summary>
    /// Kubewarden's <c>contextAwareResources</c> check of a Kubernetes read (spec §2.3): null when the policy may read
    /// <paramref name="apiVersion"/>/<paramref name="kind"/>, otherwise the denial the guest gets.
    /// </summary>
    public string? KubernetesReadDenial(string apiVersion, string kind)
    {
        foreach (var granted in ContextAwareResources)
        {
            if (granted.ApiVersion == apiVersion && granted.Kind == kind)
            {
                return null;
            }
        }

        return $"Policy has not been granted access to Kubernetes {apiVersion}/{kind} resources. The violation has been reported.";
    }
}
