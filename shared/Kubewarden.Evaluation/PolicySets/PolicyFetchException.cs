namespace Kubewarden.Evaluation.PolicySets;

/// <summary>A module could not be fetched.</summary>
public sealed class PolicyFetchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyFetchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyFetchException()
        : this("the module could not be fetched")
    {
    }

    /// <summary>Creates the exception.</summary>
    public PolicyFetchException(string message)
        : this(message, null)
    {
    }
}
