using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Evaluation.Rego;
using Kubewarden.Kubernetes.Rego;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Kubernetes.Tests.Rego;

public sealed class KubernetesRegoInventoriesTests(KubeApiServerFixture server)
{
    private static readonly ContextAwareResource[] NamespacesAndConfigMaps = [new("v1", "Namespace"), new("v1", "ConfigMap")];

    [Fact]
    public async Task ForOpa_IsTheKubeMgmtLayout()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-opa", new() { ["team"] = "a" });
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["mode"] = "strict" });
        var inventories = new KubernetesRegoInventories(cluster);

        var inventory = Parse(inventories.ForOpa(NamespacesAndConfigMaps));

        Assert.Equal(["configmaps", "namespaces"], inventory.Select(p => p.Key));
        var @namespace = inventory["namespaces"]![ns]!;
        Assert.Equal("Namespace", @namespace["kind"]!.GetValue<string>());
        Assert.Equal("a", @namespace["metadata"]!["labels"]!["team"]!.GetValue<string>());
        var configMaps = inventory["configmaps"]![ns]!.AsObject();
        Assert.Equal(["settings"], configMaps.Select(p => p.Key));
        Assert.Equal("strict", configMaps["settings"]!["data"]!["mode"]!.GetValue<string>());
        Assert.Equal("v1", configMaps["settings"]!["apiVersion"]!.GetValue<string>());
        Assert.Null(configMaps["settings"]!["metadata"]!["managedFields"]);
    }

    [Fact]
    public async Task ForGatekeeper_IsGatekeepersLayout()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-gatekeeper");
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["mode"] = "strict" });
        var inventories = new KubernetesRegoInventories(cluster);

        var inventory = Parse(inventories.ForGatekeeper(NamespacesAndConfigMaps));

        Assert.Equal(["cluster", "namespace"], inventory.Select(p => p.Key));
        Assert.Equal(["v1"], inventory["cluster"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["Namespace"], inventory["cluster"]!["v1"]!.AsObject().Select(p => p.Key));
        Assert.Equal(ns, inventory["cluster"]!["v1"]!["Namespace"]![ns]!["metadata"]!["name"]!.GetValue<string>());
        var inNamespace = inventory["namespace"]![ns]!.AsObject();
        Assert.Equal(["v1"], inNamespace.Select(p => p.Key));
        Assert.Equal(["ConfigMap"], inNamespace["v1"]!.AsObject().Select(p => p.Key));
        Assert.Equal("strict", inNamespace["v1"]!["ConfigMap"]!["settings"]!["data"]!["mode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Inventory_SameBytesWhileNothingChanges_NewDocumentAfterAChange(bool gatekeeper)
    {
        // PodTemplates: a kind nothing else on the shared test server creates, so "nothing changes" holds.
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-inventory-cache");
        await server.CreateAsync($"api/v1/namespaces/{ns}/podtemplates", PodTemplate("first"));
        var inventories = new KubernetesRegoInventories(cluster);
        ContextAwareResource[] podTemplates = [new("v1", "PodTemplate")];
        RegoInventory Build() => gatekeeper ? inventories.ForGatekeeper(podTemplates) : inventories.ForOpa(podTemplates);
        string[] Names(RegoInventory inventory) =>
            [.. (gatekeeper ? Parse(inventory)["namespace"]![ns]!["v1"]!["PodTemplate"]! : Parse(inventory)["podtemplates"]![ns]!).AsObject().Select(p => p.Key)];

        var before = Build();
        var again = Build();
        Assert.Equal(["first"], Names(before));
        Assert.Same(Array(before), Array(again));

        await server.CreateAsync($"api/v1/namespaces/{ns}/podtemplates", PodTemplate("second"));
        var stopwatch = Stopwatch.StartNew();
        var after = Build();
        while (!Names(after).Contains("second"))
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "the new PodTemplate was not in the inventory within 1 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
            after = Build();
        }

        Assert.NotSame(Array(before), Array(after));
        Assert.Equal(["first", "second"], Names(after));
        Assert.Same(Array(after), Array(Build()));
    }

    [Fact]
    public void Inventory_UnknownKind_FailsNamingIt()
    {
        using var cluster = server.NewCluster();
        var inventories = new KubernetesRegoInventories(cluster);

        var inventory = inventories.ForOpa([new("v1", "Nope")]);

        Assert.Equal("Cannot find resource v1/Nope", inventory.Error);
    }

    [Fact]
    public void Inventory_WithoutAConnection_FailsAsKubewardenDoes()
    {
        using var cluster = new KubernetesCluster(null, NullLoggerFactory.Instance);
        var inventories = new KubernetesRegoInventories(cluster);

        Assert.Equal("kube::Client was not initialized properly", inventories.ForOpa(NamespacesAndConfigMaps).Error);
        Assert.Equal("kube::Client was not initialized properly", inventories.ForGatekeeper(NamespacesAndConfigMaps).Error);
    }

    private static JsonObject Parse(RegoInventory inventory)
    {
        Assert.Null(inventory.Error);
        return JsonNode.Parse(inventory.Json.Span)!.AsObject();
    }

    private static byte[] Array(RegoInventory inventory)
    {
        Assert.True(MemoryMarshal.TryGetArray(inventory.Json, out var segment));
        return segment.Array!;
    }

    private static JsonObject PodTemplate(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PodTemplate",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["template"] = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx" }),
            },
        },
    };
}
