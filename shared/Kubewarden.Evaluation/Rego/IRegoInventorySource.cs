using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// The Kubernetes data a context-aware Rego policy evaluates with (spec §3.4): the OPA (kube-mgmt) inventory under
/// <c>data.kubernetes</c>, the Gatekeeper inventory under <c>data.inventory</c>, built from the same watch-backed
/// caches as the <c>kubernetes/*</c> host capabilities.
/// </summary>
public interface IRegoInventorySource
{
    /// <summary>The value of <c>data.kubernetes</c> for an OPA policy allowed to read <paramref name="resources"/>.</summary>
    RegoInventory ForOpa(IReadOnlyList<ContextAwareResource> resources);

    /// <summary>The value of <c>data.inventory</c> for a Gatekeeper policy allowed to read <paramref name="resources"/>.</summary>
    RegoInventory ForGatekeeper(IReadOnlyList<ContextAwareResource> resources);
}

/// <summary>An inventory as JSON, or why it could not be built.</summary>
/// <param name="Json">The inventory document (empty when <paramref name="Error"/> is set).</param>
/// <param name="Error">Why the inventory could not be built, or null.</param>
public readonly record struct RegoInventory(ReadOnlyMemory<byte> Json, string? Error)
{
    /// <summary>A built inventory.</summary>
    public static RegoInventory Of(ReadOnlyMemory<byte> json) => new(json, null);

    /// <summary>An inventory that could not be built.</summary>
    public static RegoInventory Failed(string error) => new(ReadOnlyMemory<byte>.Empty, error);
}
