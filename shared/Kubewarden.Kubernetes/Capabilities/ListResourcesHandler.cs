using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Kubernetes.Api;
using Kubewarden.Kubernetes.Queries;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Capabilities;

/// <summary>
/// <c>list_resources_by_namespace</c> and <c>list_resources_all</c>: answered from the kind's watch-backed cache,
/// filtered in-process, serialized once per change of the cache.
/// </summary>
internal sealed class ListResourcesHandler : KubernetesHandler<ListResourcesRequest>
{
    private readonly bool _byNamespace;

    private ListResourcesHandler(KubernetesCluster cluster, bool byNamespace, ILogger logger)
        : base(cluster, logger) => _byNamespace = byNamespace;

    /// <inheritdoc />
    public override string Operation => _byNamespace ? "list_resources_by_namespace" : "list_resources_all";

    /// <summary><c>list_resources_by_namespace</c>.</summary>
    public static ListResourcesHandler ByNamespace(KubernetesCluster cluster, ILogger<ListResourcesHandler> logger) => new(cluster, true, logger);

    /// <summary><c>list_resources_all</c>.</summary>
    public static ListResourcesHandler All(KubernetesCluster cluster, ILogger<ListResourcesHandler> logger) => new(cluster, false, logger);

    protected override string? Invalid(ListResourcesRequest request) =>
        _byNamespace && request.Namespace is null ? "missing field `namespace`" : null;

    protected override string? Denied(PolicyContext policy, ListResourcesRequest request) =>
        policy.KubernetesReadDenial(request.ApiVersion, request.Kind);

    protected override HostCallResult Answer(ListResourcesRequest request)
    {
        var resource = Discover(request.ApiVersion, request.Kind);
        if (_byNamespace && !resource.Namespaced)
        {
            return HostCallResult.CallbackFailure(
                $"resource {request.ApiVersion}/{request.Kind} is cluster wide. Cannot search for it inside of a namespace");
        }

        var fields = FieldSelector.Parse(request.FieldSelector);
        var masks = request.FieldMasks is { Length: > 0 } list ? string.Join(',', list.Order(StringComparer.Ordinal)) : null;
        var query = new ListQuery(_byNamespace ? request.Namespace : null, NullIfEmpty(request.LabelSelector), fields.ServerSide is null ? NullIfEmpty(request.FieldSelector) : null, masks)
        {
            Labels = string.IsNullOrWhiteSpace(request.LabelSelector) ? null : LabelSelector.Parse(request.LabelSelector),
            Fields = fields,
            Mask = FieldMask.From(request.FieldMasks),
        };
        var reflector = Cluster.Reflectors!.Get(resource, fields.ServerSide);
        reflector.EnsureSyncedAsync(KubernetesCluster.InitialListWait, CancellationToken.None).GetAwaiter().GetResult();
        return HostCallResult.Success(reflector.Answers.Get(query));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
