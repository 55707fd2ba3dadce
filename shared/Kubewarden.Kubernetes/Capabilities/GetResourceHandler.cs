using System.Buffers;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Queries;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary>
/// <c>get_resource</c>: a GET of the object, cached 5 s by (apiVersion, kind, name, namespace) unless the policy asks
/// for <c>disable_cache</c>; field masks are applied to a copy after the cache.
/// </summary>
internal sealed class GetResourceHandler(KubernetesCluster cluster, TimeProvider time, ILogger<GetResourceHandler> logger)
    : KubernetesHandler<GetResourceRequest>(cluster, logger)
{
    private readonly SuccessCache<(string ApiVersion, string Kind, string Name, string? Namespace), byte[]> _cache = new(TimeSpan.FromSeconds(5), time);

    public override string Operation => "get_resource";

    protected override string? Denied(PolicyContext policy, GetResourceRequest request) =>
        policy.KubernetesReadDenial(request.ApiVersion, request.Kind);

    protected override HostCallResult Answer(GetResourceRequest request)
    {
        var key = (request.ApiVersion, request.Kind, request.Name, request.Namespace);
        var body = (request.DisableCache ? FetchAsync(key) : _cache.GetOrComputeAsync(key, () => FetchAsync(key))).GetAwaiter().GetResult();
        return HostCallResult.Success(FieldMask.From(request.FieldMasks) is { } mask ? Masked(body, mask) : body);
    }

    private async Task<byte[]> FetchAsync((string ApiVersion, string Kind, string Name, string? Namespace) key)
    {
        var resource = Discover(key.ApiVersion, key.Kind);
        if (resource.Namespaced && key.Namespace is null)
        {
            throw new KubernetesApiException($"Resource {key.ApiVersion}/{key.Kind} is namespaced, but no namespace was provided");
        }

        var body = await Cluster.Api!.GetAsync(resource.ObjectPath(key.Name, key.Namespace), CancellationToken.None).ConfigureAwait(false);
        if (body is null)
        {
            var where = key.Namespace is null ? "None" : $"Some(\"{key.Namespace}\")";
            throw new KubernetesApiException($"Cannot find {key.ApiVersion}/{key.Kind} named '{key.Name}' inside of namespace '{where}'");
        }

        return body;
    }

    private static byte[] Masked(ReadOnlyMemory<byte> json, FieldMask mask)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            mask.Write(writer, document.RootElement);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
