namespace Kubewarden.Oci;

/// <summary>
/// A registry or HTTP source could not deliver or accept a policy: unreachable, refused, or sent something invalid.
/// </summary>
public class OciRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    public OciRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public OciRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the failure may pass by itself: the host could not be reached or answered a 5xx or 429 status, so trying
    /// again later can succeed. False for answers that will not change (not found, refused credentials, invalid content).
    /// </summary>
    public bool IsTransient { get; init; }
}
