using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubewarden.Evaluation.Responses;

/// <summary>What a policy answers to <c>validate</c> (snake_case JSON).</summary>
internal sealed record ValidationResponse
{
    [JsonRequired]
    public bool Accepted { get; init; }

    public string? Message { get; init; }

    public int? Code { get; init; }

    public JsonElement? MutatedObject { get; init; }

    public Dictionary<string, string>? AuditAnnotations { get; init; }

    public List<string>? Warnings { get; init; }
}
