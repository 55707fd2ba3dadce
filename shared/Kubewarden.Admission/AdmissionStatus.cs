namespace Kubewarden.Admission;

/// <summary>
/// The <c>status</c> of an admission response (a subset of Kubernetes <c>metav1.Status</c>),
/// serialized in the order <c>status, message, reason, details, code</c> with absent members
/// omitted.
/// </summary>
public sealed record AdmissionStatus
{
    /// <summary>The status string, e.g. <c>Failure</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The human-readable message shown to the user.</summary>
    public string? Message { get; init; }

    /// <summary>A machine-readable reason.</summary>
    public string? Reason { get; init; }

    /// <summary>Extra details about the rejection.</summary>
    public AdmissionStatusDetails? Details { get; init; }

    /// <summary>The HTTP status code to report, if any.</summary>
    public int? Code { get; init; }
}
