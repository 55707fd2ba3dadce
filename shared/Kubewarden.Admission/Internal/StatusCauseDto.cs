namespace Kubewarden.Admission.Internal;

/// <summary>Deserialization shape of <see cref="AdmissionStatusCause"/>.</summary>
internal sealed class StatusCauseDto
{
    public string? Reason { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }
}
