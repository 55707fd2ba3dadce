namespace Kubewarden.Policies;

/// <summary>
/// A policy group of <c>policies.yml</c> (an entry without <c>module</c>): members combined by a
/// boolean expression.
/// </summary>
/// <param name="Id">The policy id.</param>
/// <param name="Expression"><c>expression</c> (Rhai-compatible boolean expression over <c>member()</c> calls).</param>
/// <param name="Message"><c>message</c>: the rejection message of the group.</param>
/// <param name="PolicyMode"><c>policyMode</c>; default <see cref="PolicyMode.Protect"/>.</param>
/// <param name="Members">The members (<c>policies</c>), in file order.</param>
public sealed record PolicyGroupConfig(
    string Id,
    string Expression,
    string Message,
    PolicyMode PolicyMode,
    IReadOnlyList<PolicyGroupMemberConfig> Members) : PolicyConfig(Id)
{
    private readonly EquatableList<PolicyGroupMemberConfig> _members = EquatableList<PolicyGroupMemberConfig>.From(Members);

    /// <summary>The members (<c>policies</c>), in file order.</summary>
    public IReadOnlyList<PolicyGroupMemberConfig> Members
    {
        get => _members;
        init => _members = EquatableList<PolicyGroupMemberConfig>.From(value);
    }

    /// <summary>Finds a member by name (ordinal), or <see langword="null"/>.</summary>
    /// <param name="name">The member name.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    public PolicyGroupMemberConfig? FindMember(string name) =>
        _members.FirstOrDefault(member => string.Equals(member.Name, name, StringComparison.Ordinal));
}
