namespace Kubewarden.Oci;

/// <summary>
/// A registry answered 401 Unauthorized and the available credentials (or their absence) did not satisfy it.
/// </summary>
public sealed class RegistryAuthenticationException : OciRegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which registry and URL refused, and where credentials were looked up.</param>
    public RegistryAuthenticationException(string message)
        : base(message)
    {
    }
}
