using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary><c>list_resources_by_namespace</c> and <c>list_resources_all</c> (the latter without a namespace).</summary>
internal sealed record ListResourcesRequest(
    string ApiVersion, string Kind, string? Namespace = null, string? LabelSelector = null, string? FieldSelector = null, string[]? FieldMasks = null);

/// <summary><c>get_resource</c>.</summary>
internal sealed record GetResourceRequest(
    string ApiVersion, string Kind, string Name, string? Namespace = null, bool DisableCache = false, string[]? FieldMasks = null);

/// <summary><c>can_i</c>.</summary>
internal sealed record CanIRequest(SubjectAccessReviewRequest SubjectAccessReview, bool DisableCache = false);

/// <summary>The review a policy asks for.</summary>
internal sealed record SubjectAccessReviewRequest(ResourceAttributes ResourceAttributes, string User, string[]? Groups = null);

/// <summary>What the user would do.</summary>
internal sealed record ResourceAttributes(
    string Resource, string Verb, string? Group = null, string? Name = null, string? Namespace = null, string? Subresource = null, string? Version = null);

/// <summary>Reads the guest's JSON payloads with the SDKs' snake_case names; fields without a default must be present.</summary>
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
