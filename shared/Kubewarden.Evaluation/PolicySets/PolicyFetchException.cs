namespace Kubewarden.Evaluation.PolicySets;

/// <summary>A module could not be fetched.</summary>
public sealed class PolicyFetchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PolicyFetchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the failure may pass by itself (a registry or server that cannot be reached, a 5xx answer), so that
    /// fetching again later can succeed; false for answers that will not change (not found, refused credentials, digest
    /// mismatch, not a Wasm module).
    /// </summary>
    public bool IsTransient { get; init; }

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
