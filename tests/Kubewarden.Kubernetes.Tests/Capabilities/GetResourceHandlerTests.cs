using System.Text.Json.Nodes;
using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Kubernetes.Tests.Capabilities;

public sealed class GetResourceHandlerTests(KubeApiServerFixture server)
{
    private static readonly ContextAwareResource ConfigMaps = new("v1", "ConfigMap");

    [Fact]
    public async Task Get_ConfigMap_AnswersTheObject()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-get");
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["mode"] = "strict" });
        var capabilities = new CapabilityHarness(cluster);

        var answer = capabilities.Succeeds("get_resource", Payload(ns, "settings"), CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("ConfigMap", answer["kind"]!.GetValue<string>());
        Assert.Equal("settings", answer["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(ns, answer["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("strict", answer["data"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ChangeWithinFiveSeconds_IsSeenOnlyWithDisableCache_OrOnceTheCacheExpired()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-get-cache");
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["mode"] = "before" });
        var clock = new ManualClock();
        var capabilities = new CapabilityHarness(cluster, clock);
        string Mode(bool disableCache) =>
            capabilities.Succeeds("get_resource", Payload(ns, "settings", disableCache), CapabilityHarness.Policy(ConfigMaps))["data"]!["mode"]!.GetValue<string>();
        Assert.Equal("before", Mode(false));

        await server.PatchAsync($"api/v1/namespaces/{ns}/configmaps/settings", new() { ["data"] = new JsonObject { ["mode"] = "after" } });
        clock.Advance(TimeSpan.FromSeconds(4.9));

        Assert.Equal("before", Mode(false));
        Assert.Equal("after", Mode(true));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal("after", Mode(false));
    }

    [Fact]
    public async Task Get_FieldMasks_PruneACopyOfTheCachedObject()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-get-masks");
        await server.CreateConfigMapAsync(ns, "settings", data: new() { ["keep"] = "1", ["drop"] = "2" });
        var capabilities = new CapabilityHarness(cluster);
        var masked = Payload(ns, "settings");
        masked["field_masks"] = new JsonArray("data.keep");

        var pruned = capabilities.Succeeds("get_resource", masked, CapabilityHarness.Policy(ConfigMaps));
        var whole = capabilities.Succeeds("get_resource", Payload(ns, "settings"), CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("""{"keep":"1"}""", pruned["data"]!.ToJsonString());
        Assert.Equal("settings", pruned["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"drop":"2","keep":"1"}""", whole["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Get_MissingObject_FailsWithKubewardensWording()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-get-missing");
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails("get_resource", Payload(ns, "x"), CapabilityHarness.Policy(ConfigMaps));
        var clusterWide = capabilities.Fails(
            "get_resource", new() { ["api_version"] = "v1", ["kind"] = "Namespace", ["name"] = ns + "-absent" }, CapabilityHarness.Policy(new ContextAwareResource("v1", "Namespace")));

        Assert.Equal($"Callback evaluation failure: Cannot find v1/ConfigMap named 'x' inside of namespace 'Some(\"{ns}\")'", error);
        Assert.Equal($"Callback evaluation failure: Cannot find v1/Namespace named '{ns}-absent' inside of namespace 'None'", clusterWide);
    }

    [Fact]
    public async Task Get_MissingThenCreated_IsSeenAtOnce_BecauseFailuresAreNotCached()
    {
        using var cluster = server.NewCluster();
        var ns = await server.CreateNamespaceAsync("kw-get-late");
        var capabilities = new CapabilityHarness(cluster, new ManualClock());
        Assert.False(capabilities.Call("get_resource", Payload(ns, "late"), CapabilityHarness.Policy(ConfigMaps)).Succeeded);

        await server.CreateConfigMapAsync(ns, "late");

        Assert.Equal("late", capabilities.Succeeds("get_resource", Payload(ns, "late"), CapabilityHarness.Policy(ConfigMaps))["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Get_UnknownKind_FailsWithCannotFindResource()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails(
            "get_resource", new() { ["api_version"] = "v1", ["kind"] = "Nope", ["name"] = "x" }, CapabilityHarness.Policy(new ContextAwareResource("v1", "Nope")));

        Assert.Equal("Callback evaluation failure: Cannot find resource v1/Nope", error);
    }

    [Fact]
    public void Get_NamespacedKindWithoutNamespace_FailsSayingSo()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails("get_resource", new() { ["api_version"] = "v1", ["kind"] = "ConfigMap", ["name"] = "x" }, CapabilityHarness.Policy(ConfigMaps));

        Assert.Equal("Callback evaluation failure: Resource v1/ConfigMap is namespaced, but no namespace was provided", error);
    }

    [Fact]
    public void Get_KindNotGranted_IsDenied()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var error = capabilities.Fails("get_resource", Payload("default", "x"), CapabilityHarness.Policy());

        Assert.Equal("Policy has not been granted access to Kubernetes v1/ConfigMap resources. The violation has been reported.", error);
    }

    private static JsonObject Payload(string @namespace, string name, bool disableCache = false) => new()
    {
        ["api_version"] = "v1", ["kind"] = "ConfigMap", ["name"] = name, ["namespace"] = @namespace, ["disable_cache"] = disableCache,
    };

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
