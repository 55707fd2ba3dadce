namespace Kubewarden.Policies;

/// <summary>
/// One top-level entry of <c>policies.yml</c>: either a <see cref="SinglePolicyConfig"/> or a
/// <see cref="PolicyGroupConfig"/>. Records compare by value, so <c>old != new</c> means
/// "this policy changed".
/// </summary>
/// <param name="Id">The policy id (the map key); it is the last segment of <c>/validate/{id}</c>.</param>
public abstract record PolicyConfig(string Id);
