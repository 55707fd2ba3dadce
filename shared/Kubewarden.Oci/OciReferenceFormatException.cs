namespace Kubewarden.Oci;

/// <summary>
/// A registry reference could not be parsed; the message names the part that is wrong.
/// </summary>
public sealed class OciReferenceFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the reference.</param>
    public OciReferenceFormatException(string message)
        : base(message)
    {
    }
}
