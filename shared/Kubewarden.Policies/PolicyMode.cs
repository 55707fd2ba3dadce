namespace Kubewarden.Policies;

/// <summary>
/// How a policy's verdict is applied (<c>policyMode</c> in <c>policies.yml</c>).
/// </summary>
public enum PolicyMode
{
    /// <summary><c>protect</c> (the default): rejections are enforced.</summary>
    Protect,

    /// <summary><c>monitor</c>: the policy is evaluated but every request is accepted.</summary>
    Monitor,
}
