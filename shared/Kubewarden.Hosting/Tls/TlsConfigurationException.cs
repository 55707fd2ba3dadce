namespace Kubewarden.Hosting.Tls;

/// <summary>
/// Raised when TLS material (server certificate, private key or client CA bundle) cannot be
/// loaded. The message names the offending file and the problem.
/// </summary>
public sealed class TlsConfigurationException : Exception
{
    /// <summary>Creates an exception with a message and no associated file.</summary>
    public TlsConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public TlsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about <paramref name="filePath"/>.</summary>
    public TlsConfigurationException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>Parameterless constructor (standard exception pattern).</summary>
    public TlsConfigurationException()
    {
    }

    /// <summary>The file the problem is about, when known.</summary>
    public string? FilePath { get; }
}
