namespace Kubewarden.Evaluation.Groups;

/// <summary>
/// A policy-group expression cannot be loaded (empty, syntax error, unknown member, type error,
/// nesting too deep, integer out of range). The message says why; the caller adds the group name.
/// </summary>
public sealed class PolicyGroupExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyGroupExpressionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyGroupExpressionException()
        : this("the policy group expression is invalid")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyGroupExpressionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
