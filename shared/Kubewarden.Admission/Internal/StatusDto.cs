namespace Kubewarden.Admission.Internal;

/// <summary>Deserialization shape of <see cref="AdmissionStatus"/>.</summary>
internal sealed class StatusDto
{
    public string? Status { get; set; }

    public string? Message { get; set; }

    public string? Reason { get; set; }

    public StatusDetailsDto? Details { get; set; }

    public int? Code { get; set; }
}
