namespace Kubewarden.Oci;

/// <summary>The registry answered 404: it has no such manifest or blob in the repository.</summary>
public sealed class OciNotFoundException : OciRegistryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which reference or digest, and the URL that answered 404.</param>
    public OciNotFoundException(string message)
        : base(message)
    {
    }
}
