using Kubewarden.Policies;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// Whether policies with <c>contextAwareResources</c> can be served: a Kubernetes client was configured, or the
/// operator chose to run without one (<c>--ignore-kubernetes-connection-failure</c>).
/// </summary>
/// <param name="Available">False when context-aware policies must be refused.</param>
public sealed record ContextAwareSupport(bool Available)
{
    /// <summary>Kubewarden's message when there is no Kubernetes client for context-aware policies.</summary>
    public const string Unavailable = "Cannot connect to Kubernetes, context aware policies would not work properly";

    /// <summary>Whether any policy or group member of <paramref name="document"/> reads Kubernetes resources.</summary>
    public static bool AnyContextAware(PoliciesDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Entries.Any(entry => entry switch
        {
            SinglePolicyConfig single => single.Policy.ContextAwareResources.Count > 0,
            PolicyGroupConfig group => group.Members.Any(m => m.Policy.ContextAwareResources.Count > 0),
            _ => false,
        });
    }
}
