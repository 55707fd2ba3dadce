namespace Kubewarden.Policies;

/// <summary>
/// One member of a policy group (<c>policies.&lt;name&gt;</c>). Members never mutate and always run
/// as <c>protect</c>; they have no <c>policyMode</c>, <c>allowedToMutate</c> or <c>message</c>.
/// </summary>
/// <param name="Name">The member name; the group expression calls it as <c>name()</c>.</param>
/// <param name="Policy">The module, settings, grants and timeout.</param>
public sealed record PolicyGroupMemberConfig(string Name, PolicyModuleConfig Policy);
