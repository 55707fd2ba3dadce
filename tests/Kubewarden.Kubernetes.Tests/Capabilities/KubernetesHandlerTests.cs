using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Kubernetes.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Kubernetes.Tests.Capabilities;

/// <summary>What every <c>kubernetes/*</c> capability does around its own work.</summary>
public sealed class KubernetesHandlerTests
{
    private static readonly ContextAwareResource ConfigMaps = new("v1", "ConfigMap");

    public static TheoryData<string, string> EveryOperation => new()
    {
        { "list_resources_by_namespace", """{"api_version":"v1","kind":"ConfigMap","namespace":"default"}""" },
        { "list_resources_all", """{"api_version":"v1","kind":"ConfigMap"}""" },
        { "get_resource", """{"api_version":"v1","kind":"ConfigMap","name":"x","namespace":"default","disable_cache":false}""" },
        { "can_i", """{"subject_access_review":{"user":"u","resource_attributes":{"resource":"pods","verb":"get"}},"disable_cache":false}""" },
    };

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void Call_WithoutAConnection_FailsAsKubewardenDoes(string operation, string payload)
    {
        using var cluster = new KubernetesCluster(null, NullLoggerFactory.Instance);
        var capabilities = new CapabilityHarness(cluster);

        var result = capabilities.Call(operation, payload, CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("Callback evaluation failure: kube::Client was not initialized properly", result.Error);
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void Call_UnreachableApiServer_FailsQuickly(string operation, string payload)
    {
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("kw-kube-closed-").FullName, "kubeconfig");
        File.WriteAllText(kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            clusters: [{name: closed, cluster: {server: "https://127.0.0.1:{{{ClosedPort()}}}", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: closed, context: {cluster: closed, user: u}}]
            current-context: closed
            """);
        using var cluster = new KubernetesCluster(KubernetesConnectionFactory.TryCreate(kubeconfig, out var reason), NullLoggerFactory.Instance);
        Assert.True(cluster.IsConfigured, reason);
        var capabilities = new CapabilityHarness(cluster);
        var stopwatch = Stopwatch.StartNew();

        var result = capabilities.Call(operation, payload, CapabilityHarness.Policy(ConfigMaps));

        Assert.StartsWith("Callback evaluation failure: cannot reach the Kubernetes API server https://127.0.0.1:", result.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("list_resources_by_namespace", """{"kind":"ConfigMap","namespace":"default"}""", "api_version")]
    [InlineData("list_resources_by_namespace", """{"api_version":"v1","kind":"ConfigMap"}""", "namespace")]
    [InlineData("list_resources_all", """{"api_version":"v1"}""", "kind")]
    [InlineData("get_resource", """{"api_version":"v1","kind":"ConfigMap","namespace":"default"}""", "name")]
    [InlineData("get_resource", """{"api_version":"v1","kind":"ConfigMap","name":7}""", "name")]
    [InlineData("can_i", """{"subject_access_review":{"resource_attributes":{"resource":"pods","verb":"get"}}}""", "user")]
    public void Call_MalformedPayload_FailsNamingTheField(string operation, string payload, string field)
    {
        using var cluster = new KubernetesCluster(null, NullLoggerFactory.Instance);
        var capabilities = new CapabilityHarness(cluster);

        var result = capabilities.Call(operation, payload, CapabilityHarness.Policy(ConfigMaps));

        Assert.False(result.Succeeded);
        Assert.StartsWith($"invalid kubernetes/{operation} request: ", result.Error);
        Assert.Contains(field, result.Error);
    }

    [Fact]
    public void Call_NotJson_FailsSayingSo()
    {
        using var cluster = new KubernetesCluster(null, NullLoggerFactory.Instance);
        var capabilities = new CapabilityHarness(cluster);

        var result = capabilities.Call("list_resources_all", "not json", CapabilityHarness.Policy(ConfigMaps));

        Assert.StartsWith("invalid kubernetes/list_resources_all request: ", result.Error);
    }

    [Fact]
    public void Call_NotGranted_IsDeniedEvenWithoutAConnection()
    {
        using var cluster = new KubernetesCluster(null, NullLoggerFactory.Instance);
        var capabilities = new CapabilityHarness(cluster);

        var result = capabilities.Call("list_resources_all", new JsonObject { ["api_version"] = "v1", ["kind"] = "Secret" }, CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("Policy has not been granted access to Kubernetes v1/Secret resources. The violation has been reported.", result.Error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
