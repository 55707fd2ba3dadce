namespace Kubewarden.Oci;

/// <summary>
/// A <c>sources.yml</c> document is malformed or names a certificate that cannot be read.
/// </summary>
public sealed class SourcesConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public SourcesConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The underlying failure.</param>
    public SourcesConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
