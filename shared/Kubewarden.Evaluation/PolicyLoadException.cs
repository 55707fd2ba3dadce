namespace Kubewarden.Evaluation;

/// <summary>A policy cannot be loaded; the message says why (the caller adds the policy id).</summary>
public sealed class PolicyLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyLoadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyLoadException()
        : this("the policy cannot be loaded")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyLoadException(string message)
        : this(message, null)
    {
    }
}
