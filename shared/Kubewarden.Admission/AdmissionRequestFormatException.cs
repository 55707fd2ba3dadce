namespace Kubewarden.Admission;

/// <summary>
/// Thrown when an admission request (or the AdmissionReview wrapping it) is not valid JSON or
/// misses / mistypes a required field. The message names the offending field, e.g.
/// <c>AdmissionRequest.uid is required</c>.
/// </summary>
public sealed class AdmissionRequestFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public AdmissionRequestFormatException()
        : base("invalid admission request")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">A description naming the offending field.</param>
    public AdmissionRequestFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">A description naming the offending field.</param>
    /// <param name="innerException">The underlying JSON error.</param>
    public AdmissionRequestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
