namespace Kubewarden.Policies;

/// <summary>
/// One entry of <c>contextAwareResources</c>: a Kubernetes resource type the policy may read.
/// </summary>
/// <param name="ApiVersion">The <c>apiVersion</c>, e.g. <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Kind">The <c>kind</c>, e.g. <c>Pod</c>.</param>
public sealed record ContextAwareResourceConfig(string ApiVersion, string Kind);
