namespace Kubewarden.Evaluation.Metadata;

/// <summary>A Kubernetes resource type a policy may read.</summary>
/// <param name="ApiVersion">e.g. <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Kind">e.g. <c>Pod</c>.</param>
public sealed record ContextAwareResource(string ApiVersion, string Kind);
