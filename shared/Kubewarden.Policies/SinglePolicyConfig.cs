namespace Kubewarden.Policies;

/// <summary>An individual policy of <c>policies.yml</c> (an entry that has a <c>module</c> key); compared by value.</summary>
/// <param name="Id">The policy id.</param>
/// <param name="Policy">The module, settings, grants and timeout.</param>
/// <param name="PolicyMode"><c>policyMode</c>; default <see cref="PolicyMode.Protect"/>.</param>
/// <param name="AllowedToMutate"><c>allowedToMutate</c>; default <see langword="false"/>.</param>
/// <param name="Message"><c>message</c>: the custom rejection message, or <see langword="null"/>.</param>
public sealed record SinglePolicyConfig(string Id, PolicyModuleConfig Policy, PolicyMode PolicyMode, bool AllowedToMutate, string? Message)
    : PolicyConfig(Id);
