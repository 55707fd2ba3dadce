using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Kubernetes.Tests.Capabilities;

/// <summary>The four <c>kubernetes/*</c> handlers over one cluster, called the way the dispatcher calls them.</summary>
internal sealed class CapabilityHarness(KubernetesCluster cluster, TimeProvider? time = null)
{
    private readonly IReadOnlyList<IHostCapabilityHandler> _handlers =
        KubernetesCapabilities.Create(cluster, time ?? TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>A policy granted every host capability and exactly <paramref name="resources"/>.</summary>
    public static PolicyContext Policy(params ContextAwareResource[] resources) =>
        new("test-policy", HostCapabilityAllowList.AllowAll, resources);

    /// <summary>Calls <c>kubernetes/<paramref name="operation"/></c> with <paramref name="payload"/> as <paramref name="policy"/>.</summary>
    public HostCallResult Call(string operation, string payload, PolicyContext policy)
    {
        var handler = _handlers.Single(h => h.Namespace == "kubernetes" && h.Operation == operation);
        return handler.Handle(policy, Encoding.UTF8.GetBytes(payload));
    }

    /// <summary>Calls <c>kubernetes/<paramref name="operation"/></c> with <paramref name="payload"/> as <paramref name="policy"/>.</summary>
    public HostCallResult Call(string operation, JsonObject payload, PolicyContext policy) => Call(operation, payload.ToJsonString(), policy);

    /// <summary>The answer of a call that must succeed.</summary>
    public JsonObject Succeeds(string operation, JsonObject payload, PolicyContext policy)
    {
        var result = Call(operation, payload, policy);
        Assert.True(result.Succeeded, result.Error);
        return JsonNode.Parse(result.Payload.Span)!.AsObject();
    }

    /// <summary>The error of a call that must fail.</summary>
    public string Fails(string operation, JsonObject payload, PolicyContext policy)
    {
        var result = Call(operation, payload, policy);
        Assert.False(result.Succeeded, "the call succeeded: " + Encoding.UTF8.GetString(result.Payload.Span));
        return result.Error;
    }

    /// <summary>The names of a List answer's items.</summary>
    public static string[] Names(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(item => item!["metadata"]!["name"]!.GetValue<string>())];
}
