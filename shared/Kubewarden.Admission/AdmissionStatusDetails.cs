namespace Kubewarden.Admission;

/// <summary>
/// Extra details of a rejection (Kubernetes <c>StatusDetails</c>), serialized in the order
/// <c>name, group, kind, uid, causes, retry_after_seconds</c> (the last one in snake_case, as in
/// the Rust policy-server); absent members and an empty <c>causes</c> list are omitted.
/// </summary>
public sealed record AdmissionStatusDetails
{
    /// <summary>The name of the object involved.</summary>
    public string? Name { get; init; }

    /// <summary>The API group of the object involved.</summary>
    public string? Group { get; init; }

    /// <summary>The kind of the object involved.</summary>
    public string? Kind { get; init; }

    /// <summary>The UID of the object involved.</summary>
    public string? Uid { get; init; }

    /// <summary>The individual causes; omitted from the JSON when null or empty.</summary>
    public IReadOnlyList<AdmissionStatusCause>? Causes { get; init; }

    /// <summary>Seconds a client should wait before retrying (JSON <c>retry_after_seconds</c>).</summary>
    public int? RetryAfterSeconds { get; init; }
}
