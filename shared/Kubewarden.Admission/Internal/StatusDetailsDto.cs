using System.Text.Json.Serialization;

namespace Kubewarden.Admission.Internal;

/// <summary>Deserialization shape of <see cref="AdmissionStatusDetails"/>.</summary>
internal sealed class StatusDetailsDto
{
    public string? Name { get; set; }

    public string? Group { get; set; }

    public string? Kind { get; set; }

    public string? Uid { get; set; }

    public List<StatusCauseDto>? Causes { get; set; }

    [JsonPropertyName("retry_after_seconds")]
    public int? RetryAfterSeconds { get; set; }
}
