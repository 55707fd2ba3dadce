namespace Kubewarden.Policies;

/// <summary>
/// A loaded <c>policies.yml</c>: every policy and policy group, in file order. Compares by value.
/// </summary>
/// <param name="Entries">The policies and groups; ids are unique.</param>
public sealed record PoliciesDocument(IReadOnlyList<PolicyConfig> Entries)
{
    private readonly EquatableList<PolicyConfig> _entries = EquatableList<PolicyConfig>.From(Entries);

    /// <summary>The empty document (zero policies).</summary>
    public static PoliciesDocument Empty { get; } = new(EquatableList<PolicyConfig>.Empty);

    /// <summary>The policies and groups, in file order.</summary>
    public IReadOnlyList<PolicyConfig> Entries
    {
        get => _entries;
        init => _entries = EquatableList<PolicyConfig>.From(value);
    }

    /// <summary>Finds an entry by id (ordinal), or <see langword="null"/>.</summary>
    /// <param name="id">The policy id.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    public PolicyConfig? Find(string id) =>
        _entries.FirstOrDefault(entry => string.Equals(entry.Id, id, StringComparison.Ordinal));
}
