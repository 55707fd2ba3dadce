namespace Kubewarden.Oci;

/// <summary>
/// Content received from a registry does not hash to the digest it was requested or announced with.
/// </summary>
public sealed class OciDigestMismatchException : OciRegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which content, the expected and the actual digest.</param>
    public OciDigestMismatchException(string message)
        : base(message)
    {
    }
}
