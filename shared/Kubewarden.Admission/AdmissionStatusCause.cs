namespace Kubewarden.Admission;

/// <summary>
/// One cause of a rejection (Kubernetes <c>StatusCause</c>). All three members are always
/// serialized, as <c>null</c> when absent: <c>{"reason":…,"message":…,"field":…}</c>.
/// </summary>
public sealed record AdmissionStatusCause
{
    /// <summary>A machine-readable reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>A human-readable description of the cause.</summary>
    public string? Message { get; init; }

    /// <summary>The field the cause relates to, e.g. <c>spec.containers[0].image</c>.</summary>
    public string? Field { get; init; }
}
