namespace Kubewarden.Kubernetes.Queries;

/// <summary>What a list call asks the cache for; equal queries share one cached answer.</summary>
/// <param name="Namespace">Only objects of this namespace, or null for all.</param>
/// <param name="LabelSelector">The label selector text, or null.</param>
/// <param name="FieldSelector">The field selector text checked in-process, or null.</param>
/// <param name="FieldMasks">The field masks, sorted and joined by commas, or null.</param>
public sealed record ListQuery(string? Namespace, string? LabelSelector, string? FieldSelector, string? FieldMasks)
{
    /// <summary>The parsed label selector (checked when the query was made).</summary>
    public LabelSelector? Labels { get; init; }

    /// <summary>The parsed in-process field selector.</summary>
    public Queries.FieldSelector Fields { get; init; } = Queries.FieldSelector.None;

    /// <summary>The parsed field masks.</summary>
    public FieldMask? Mask { get; init; }

    /// <summary>Whether <paramref name="candidate"/> is part of the answer.</summary>
    public bool Includes(Store.StoredObject candidate) =>
        (Namespace is null || candidate.Namespace == Namespace)
        && Fields.Matches(candidate.Namespace, candidate.Name)
        && (Labels is null || Labels.Matches(candidate.Labels));
}
