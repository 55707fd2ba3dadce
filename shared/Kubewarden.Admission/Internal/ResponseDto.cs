namespace Kubewarden.Admission.Internal;

/// <summary>Deserialization shape of <see cref="AdmissionResponse"/>.</summary>
internal sealed class ResponseDto
{
    public string? Uid { get; set; }

    public bool? Allowed { get; set; }

    public string? PatchType { get; set; }

    public string? Patch { get; set; }

    public StatusDto? Status { get; set; }

    public Dictionary<string, string>? AuditAnnotations { get; set; }

    public List<string>? Warnings { get; set; }
}
