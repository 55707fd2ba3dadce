namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>An image could not be verified; the message is the text the policy receives after <c>Callback evaluation failure: </c>.</summary>
internal sealed class SigstoreVerificationException : Exception
{
    public SigstoreVerificationException(string message)
        : base(message)
    {
    }

    public SigstoreVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
