using System.Diagnostics;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Kubernetes.Tests.Capabilities;

public sealed class ListResourcesHandlerTests(KubeApiServerFixture server)
{
    private static readonly ContextAwareResource Namespaces = new("v1", "Namespace");
    private static readonly ContextAwareResource ConfigMaps = new("v1", "ConfigMap");

    [Fact]
    public async Task ListAll_Namespaces_IsANamespaceListWithTheCreatedOnes()
    {
        using var cluster = server.NewCluster();
        var first = await server.CreateNamespaceAsync("kw-list-all");
        var second = await server.CreateNamespaceAsync("kw-list-all");
        var capabilities = new CapabilityHarness(cluster);

        var list = capabilities.Succeeds("list_resources_all", new() { ["api_version"] = "v1", ["kind"] = "Namespace" }, CapabilityHarness.Policy(Namespaces));

        Assert.Equal(["apiVersion", "kind", "metadata", "items"], list.Select(p => p.Key));
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal("NamespaceList", list["kind"]!.GetValue<string>());
        Assert.Equal("{}", list["metadata"]!.ToJsonString());
        Assert.Contains(first, CapabilityHarness.Names(list));
        Assert.Contains(second, CapabilityHarness.Names(list));
        var item = list["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == first)!;
        Assert.Equal("Namespace", item["kind"]!.GetValue<string>());
        Assert.Null(item["metadata"]!["managedFields"]);
    }

    [Fact]
    public async Task ListByNamespace_LabelSelector_AnswersTheMatchingConfigMapsOfThatNamespaceOnly()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-list-labels");
        var other = await server.CreateNamespaceAsync("kw-list-labels");
        await server.CreateConfigMapAsync(ns, "web", labels: new() { ["app"] = "web", ["tier"] = "front" });
        await server.CreateConfigMapAsync(ns, "db", labels: new() { ["app"] = "db" });
        await server.CreateConfigMapAsync(ns, "plain");
        await server.CreateConfigMapAsync(other, "web", labels: new() { ["app"] = "web" });
        var capabilities = new CapabilityHarness(cluster);

        string[] Query(string selector) => CapabilityHarness.Names(capabilities.Succeeds(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns, ["label_selector"] = selector },
            CapabilityHarness.Policy(ConfigMaps)));

        Assert.Equal(["web"], Query("app=web"));
        Assert.Equal(["db", "web"], Query("app in (web,db)"));
        Assert.Equal(["db", "plain"], Query("tier!=front"));
        Assert.Equal(["plain"], Query("!app"));
        Assert.Empty(CapabilityHarness.Names(capabilities.Succeeds(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns + "-absent" },
            CapabilityHarness.Policy(ConfigMaps))));
    }

    [Fact]
    public async Task ListByNamespace_FieldSelectorOnName_AnswersThatConfigMap()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-list-fields");
        await server.CreateConfigMapAsync(ns, "wanted");
        await server.CreateConfigMapAsync(ns, "other");
        var capabilities = new CapabilityHarness(cluster);

        var list = capabilities.Succeeds(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns, ["field_selector"] = "metadata.name=wanted" },
            CapabilityHarness.Policy(ConfigMaps));
        var notOther = capabilities.Succeeds(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns, ["field_selector"] = "metadata.name!=other" },
            CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("ConfigMapList", list["kind"]!.GetValue<string>());
        Assert.Equal(["wanted"], CapabilityHarness.Names(list));
        Assert.DoesNotContain("other", CapabilityHarness.Names(notOther));
        Assert.Contains("wanted", CapabilityHarness.Names(notOther));
    }

    [Fact]
    public async Task ListAll_ServerSideFieldSelector_IsAppliedByTheApiServer()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-list-phase");
        var capabilities = new CapabilityHarness(cluster);

        var active = capabilities.Succeeds(
            "list_resources_all",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["field_selector"] = "status.phase=Active" },
            CapabilityHarness.Policy(Namespaces));
        var notActive = capabilities.Succeeds(
            "list_resources_all",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["field_selector"] = "status.phase!=Active" },
            CapabilityHarness.Policy(Namespaces));

        Assert.Contains(ns, CapabilityHarness.Names(active));
        Assert.DoesNotContain(ns, CapabilityHarness.Names(notActive));
        Assert.All(active["items"]!.AsArray(), item => Assert.Equal("Active", item!["status"]!["phase"]!.GetValue<string>()));
    }

    [Fact]
    public void ListAll_FieldSelectorTheServerDoesNotSupport_FailsWithTheServersRejection()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);
        var stopwatch = Stopwatch.StartNew();

        var error = capabilities.Fails(
            "list_resources_all",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["field_selector"] = "spec.foo=bar" },
            CapabilityHarness.Policy(Namespaces));

        Assert.StartsWith("Callback evaluation failure: cannot list v1/Namespace (field selector spec.foo=bar): the Kubernetes API server answered 400 to GET ", error);
        Assert.EndsWith(": field label not supported: spec.foo", error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.Equal(error, capabilities.Fails(
            "list_resources_all",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["field_selector"] = "spec.foo=bar" },
            CapabilityHarness.Policy(Namespaces)));
    }

    [Fact]
    public async Task ListAll_ConfigMaps_AnswersThoseOfEveryNamespace()
    {
        using var cluster = server.NewCluster();
        var first = await server.CreateNamespaceAsync("kw-list-all-cm");
        var second = await server.CreateNamespaceAsync("kw-list-all-cm");
        await server.CreateConfigMapAsync(first, "shared-name");
        await server.CreateConfigMapAsync(second, "shared-name");
        var capabilities = new CapabilityHarness(cluster);

        var list = capabilities.Succeeds(
            "list_resources_all", new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["field_selector"] = "metadata.name=shared-name" }, CapabilityHarness.Policy(ConfigMaps));

        var namespaces = list["items"]!.AsArray().Select(item => item!["metadata"]!["namespace"]!.GetValue<string>()).ToArray();
        Assert.Contains(first, namespaces);
        Assert.Contains(second, namespaces);
    }

    [Fact]
    public async Task ListAll_FieldSelectorTheServerRejects_IsNotListedAgain()
    {
        var logs = new RecordingLoggerFactory();
        using var cluster = server.NewCluster(logs);
        var capabilities = new CapabilityHarness(cluster);
        capabilities.Fails(
            "list_resources_all",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["field_selector"] = "spec.bar=foo" },
            CapabilityHarness.Policy(Namespaces));

        // Longer than the first retry delay (1 s) of a list that failed for a reason that may pass.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        Assert.Equal([KubernetesEventIds.ListRejected], logs.Events.Where(e => e is KubernetesEventIds.ListRejected or KubernetesEventIds.ListWatchFailed));
    }

    [Fact]
    public async Task ListByNamespace_FieldMasks_PruneTheItemsButKeepMetadata()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-list-masks");
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["keep"] = "1", ["drop"] = "2" });
        var capabilities = new CapabilityHarness(cluster);

        var list = capabilities.Succeeds(
            "list_resources_by_namespace",
            new()
            {
                ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns,
                ["field_selector"] = "metadata.name=settings", ["field_masks"] = new JsonArray("data.keep"),
            },
            CapabilityHarness.Policy(ConfigMaps));

        var item = Assert.Single(list["items"]!.AsArray())!.AsObject();
        Assert.Equal(["apiVersion", "kind", "metadata", "data"], item.Select(p => p.Key));
        Assert.Equal("""{"keep":"1"}""", item["data"]!.ToJsonString());
        Assert.Equal(ns, item["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListByNamespace_CreateUpdateDelete_VisibleInTheNextListWithinOneSecond()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-list-watch");
        var capabilities = new CapabilityHarness(cluster);
        var payload = new JsonObject { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = ns, ["label_selector"] = "watched" };
        JsonObject List() => capabilities.Succeeds("list_resources_by_namespace", payload, CapabilityHarness.Policy(ConfigMaps));
        Assert.Empty(CapabilityHarness.Names(List()));

        await server.CreateConfigMapAsync(ns, "live", data: new() { ["v"] = "1" }, labels: new() { ["watched"] = "yes" });
        await Eventually(() => CapabilityHarness.Names(List()).SequenceEqual(["live"]), "the created ConfigMap");

        await server.PatchAsync($"api/v1/namespaces/{ns}/configmaps/live", new() { ["data"] = new JsonObject { ["v"] = "2" } });
        await Eventually(() => List()["items"]![0]!["data"]!["v"]!.GetValue<string>() == "2", "the updated ConfigMap");

        await server.DeleteAsync($"api/v1/namespaces/{ns}/configmaps/live");
        await Eventually(() => CapabilityHarness.Names(List()).Length == 0, "the deletion");
    }

    [Fact]
    public async Task ListByNamespace_ClusterWideKind_FailsNamingIt()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);
        var ns = await server.CreateNamespaceAsync("kw-list-scope");

        var error = capabilities.Fails(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["namespace"] = ns },
            CapabilityHarness.Policy(Namespaces));

        Assert.Equal("Callback evaluation failure: resource v1/Namespace is cluster wide. Cannot search for it inside of a namespace", error);
    }

    [Fact]
    public void ListAll_UnknownKind_FailsWithCannotFindResource()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails("list_resources_all", new() { ["api_version"] = "v1", ["kind"] = "Nope" }, CapabilityHarness.Policy(new ContextAwareResource("v1", "Nope")));
        var unknownGroup = capabilities.Fails(
            "list_resources_all", new() { ["api_version"] = "nope.example.com/v1", ["kind"] = "Nope" }, CapabilityHarness.Policy(new ContextAwareResource("nope.example.com/v1", "Nope")));

        Assert.Equal("Callback evaluation failure: Cannot find resource v1/Nope", error);
        Assert.Equal("Callback evaluation failure: Cannot find resource nope.example.com/v1/Nope", unknownGroup);
    }

    [Fact]
    public void ListAll_KindNotGranted_IsDeniedBeforeAnyCall()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails("list_resources_all", new() { ["api_version"] = "v1", ["kind"] = "ConfigMap" }, CapabilityHarness.Policy(Namespaces, new ContextAwareResource("apps/v1", "ConfigMap")));

        Assert.Equal("Policy has not been granted access to Kubernetes v1/ConfigMap resources. The violation has been reported.", error);
    }

    [Fact]
    public void ListByNamespace_MalformedLabelSelector_FailsSayingWhere()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails(
            "list_resources_by_namespace",
            new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["namespace"] = "default", ["label_selector"] = "app in web" },
            CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("Callback evaluation failure: invalid label selector \"app in web\": `app in web` needs a parenthesised list of values", error);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"{what} was not visible within 1 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
