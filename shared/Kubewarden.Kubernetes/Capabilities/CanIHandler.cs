using System.Buffers;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary>
/// <c>can_i</c>: creates a SubjectAccessReview and answers its <c>status</c>; cached 5 s by the whole review unless the
/// policy asks for <c>disable_cache</c>. Not subject to <c>contextAwareResources</c>.
/// </summary>
internal sealed class CanIHandler(KubernetesCluster cluster, TimeProvider time, ILogger<CanIHandler> logger)
    : KubernetesHandler<CanIRequest>(cluster, logger)
{
    private const string ReviewsPath = "apis/authorization.k8s.io/v1/subjectaccessreviews";

    private readonly SuccessCache<(string User, string? Groups, ResourceAttributes Attributes), byte[]> _cache = new(TimeSpan.FromSeconds(5), time);

    public override string Operation => "can_i";

    protected override string? Denied(PolicyContext policy, CanIRequest request) => null;

    protected override HostCallResult Answer(CanIRequest request)
    {
        var review = request.SubjectAccessReview;
        // The key holds the groups as text: records compare arrays by reference.
        var key = (review.User, review.Groups is null ? null : string.Join('\n', review.Groups), review.ResourceAttributes);
        var status = (request.DisableCache ? ReviewAsync(review) : _cache.GetOrComputeAsync(key, () => ReviewAsync(review))).GetAwaiter().GetResult();
        return HostCallResult.Success(status);
    }

    private async Task<byte[]> ReviewAsync(SubjectAccessReviewRequest review)
    {
        var answer = await Cluster.Api!.PostAsync(ReviewsPath, Body(review), CancellationToken.None).ConfigureAwait(false);
        using var document = JsonDocument.Parse(answer);
        var status = document.RootElement.TryGetProperty("status", out var value) ? value.GetRawText() : "{\"allowed\":false}";
        return System.Text.Encoding.UTF8.GetBytes(status);
    }

    private static byte[] Body(SubjectAccessReviewRequest review)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion"u8, "authorization.k8s.io/v1");
            writer.WriteString("kind"u8, "SubjectAccessReview");
            writer.WriteStartObject("spec"u8);
            writer.WriteString("user"u8, review.User);
            if (review.Groups is { } groups)
            {
                writer.WriteStartArray("groups"u8);
                foreach (var group in groups)
                {
                    writer.WriteStringValue(group);
                }

                writer.WriteEndArray();
            }

            var attributes = review.ResourceAttributes;
            writer.WriteStartObject("resourceAttributes"u8);
            WriteIfSet(writer, "group", attributes.Group);
            WriteIfSet(writer, "name", attributes.Name);
            WriteIfSet(writer, "namespace", attributes.Namespace);
            writer.WriteString("resource"u8, attributes.Resource);
            WriteIfSet(writer, "subresource", attributes.Subresource);
            writer.WriteString("verb"u8, attributes.Verb);
            WriteIfSet(writer, "version", attributes.Version);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
