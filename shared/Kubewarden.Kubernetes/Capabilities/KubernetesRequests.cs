using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary><c>list_resources_by_namespace</c> and <c>list_resources_all</c> (the latter without a namespace).</summary>
internal sealed record ListResourcesRequest(
    string ApiVersion, string Kind, string? Namespace, string? LabelSelector, string? FieldSelector, string[]? FieldMasks);

/// <summary><c>get_resource</c>.</summary>
internal sealed record GetResourceRequest(
    string ApiVersion, string Kind, string Name, string? Namespace, bool DisableCache, string[]? FieldMasks);

/// <summary><c>can_i</c>.</summary>
internal sealed record CanIRequest(SubjectAccessReviewRequest SubjectAccessReview, bool DisableCache);

/// <summary>The review a policy asks for.</summary>
internal sealed record SubjectAccessReviewRequest(string[]? Groups, ResourceAttributes ResourceAttributes, string User);

/// <summary>What the user would do.</summary>
internal sealed record ResourceAttributes(
    string? Group, string? Name, string? Namespace, string Resource, string? Subresource, string Verb, string? Version);

/// <summary>Reads the guest's JSON payloads with the SDKs' snake_case names; required fields must be present.</summary>
internal static class KubernetesRequests
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The request, or null with <paramref name="error"/> naming the capability and what is wrong.</summary>
    public static T? Read<T>(ReadOnlySpan<byte> payload, string capability, out string error)
        where T : class
    {
        try
        {
            error = string.Empty;
            return JsonSerializer.Deserialize<T>(payload, Options)
                ?? throw new JsonException("the payload is null; expected a JSON object");
        }
        catch (JsonException e)
        {
            error = $"invalid {capability} request: {e.Message}";
            return null;
        }
    }
}
