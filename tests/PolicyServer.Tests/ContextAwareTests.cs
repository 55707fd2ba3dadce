using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Evaluation.Tests;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>
/// Context-aware policies through the policy-server, against a real API server: the test policy makes one
/// <c>kubernetes/*</c> host call and answers the host's reply (or error) as its message.
/// </summary>
public sealed class ContextAwareTests
{
    private const string Denied = "Policy has not been granted access to Kubernetes v1/Namespace resources. The violation has been reported.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantedPolicies_ListNamespacesAndGetConfigMap_SeeChangesWithinASecond_UngrantedIsDenied()
    {
        Assert.SkipWhen(KubeApiServer.Unavailable is not null, KubeApiServer.Unavailable ?? string.Empty);
        using var cluster = KubeApiServer.Connect();
        var ns = await cluster.NewNamespaceAsync("kw-ps", Ct);
        await cluster.CreateConfigMapAsync(ns, "settings", "v1", Ct);
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new JsonObject
        {
            ["list-namespaces"] = Policy(server, "list-namespaces", "list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", "Namespace"),
            ["get-configmap"] = Policy(server, "get-configmap", "get_resource",
                $$"""{"api_version":"v1","kind":"ConfigMap","name":"settings","namespace":"{{ns}}","disable_cache":true}""", "ConfigMap"),
            ["list-configmaps"] = Policy(server, "list-configmaps", "list_resources_by_namespace",
                $$"""{"api_version":"v1","kind":"ConfigMap","namespace":"{{ns}}","label_selector":"app=kw-test"}""", "ConfigMap"),
            ["no-grant"] = Policy(server, "no-grant", "list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", null),
        });
        await server.StartAsync(server.DefaultArgs(true, "--kubeconfig", cluster.Kubeconfig), Ct);

        var namespaces = await AnswerAsync(server, "list-namespaces");
        Assert.Equal("NamespaceList", namespaces.GetProperty("kind").GetString());
        Assert.Contains(Names(namespaces), n => n == ns);

        var configMap = await AnswerAsync(server, "get-configmap");
        Assert.Equal("v1", configMap.GetProperty("data").GetProperty("key").GetString());

        Assert.Equal(["settings"], Names(await AnswerAsync(server, "list-configmaps")));
        await cluster.CreateConfigMapAsync(ns, "added", "v2", Ct);
        await SeenWithinASecondAsync(server, names => names.SequenceEqual(["added", "settings"]));
        await cluster.DeleteAsync($"api/v1/namespaces/{ns}/configmaps/added", Ct);
        await SeenWithinASecondAsync(server, names => names.SequenceEqual(["settings"]));

        var (code, message) = await MessageAsync(server, "no-grant");
        Assert.Equal((500, Denied), (code, message));
    }

    [Fact]
    public async Task NoKubernetesClient_ContextAwarePolicy_StopsTheStartWithKubewardensMessage()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new JsonObject { ["list"] = Policy(server, "list", "list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", "Namespace") });

        var error = await Assert.ThrowsAsync<PolicyServerStartupException>(
            () => server.StartAsync(server.DefaultArgs(true, "--kubeconfig", MissingKubeconfig), Ct));

        Assert.StartsWith(ContextAwareSupport.Unavailable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKubernetesClient_IgnoreFlag_StartsAndKubernetesCallsAnswerClientNotInitialized()
    {
        await using var server = new PolicyServerInstance();
        server.WritePolicies(new JsonObject { ["list"] = Policy(server, "list", "list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", "Namespace") });
        await server.StartAsync(server.DefaultArgs(true, "--kubeconfig", MissingKubeconfig, "--ignore-kubernetes-connection-failure"), Ct);

        var (code, message) = await MessageAsync(server, "list");

        Assert.Equal((500, "Callback evaluation failure: kube::Client was not initialized properly"), (code, message));
    }

    [Fact]
    public async Task NoKubernetesClient_PolicyWithoutContextAwareResources_Serves_AndAReloadAddingOnePutsOnlyThatOneInErrorState()
    {
        await using var server = new PolicyServerInstance();
        var echo = server.AddModule("dns", TestPolicies.FromText(HostCallPolicy.Wat("net", "v1/dns_lookup_host", "\"localhost\"")));
        server.WritePolicies(new JsonObject { ["plain"] = new JsonObject { ["module"] = echo } });
        await server.StartAsync(server.DefaultArgs(true, "--kubeconfig", MissingKubeconfig), Ct);
        var (status, _, _) = await server.SendAsync("/validate/plain", Reviews.Pod("uid-plain"), Ct);
        Assert.Equal(200, status);

        server.ReplacePolicies(new JsonObject
        {
            ["plain"] = new JsonObject { ["module"] = echo },
            ["aware"] = Policy(server, "aware", "list_resources_all", """{"api_version":"v1","kind":"Namespace"}""", "Namespace"),
        }.ToJsonString());
        var policies = await Poll.UntilAsync(
            () => server.PoliciesAsync(Ct),
            p => p.GetProperty("policies").EnumerateArray().Any(e => e.GetProperty("id").GetString() == "aware"),
            "the reloaded set with `aware`", Ct);

        var aware = policies.GetProperty("policies").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "aware");
        Assert.Contains(ContextAwareSupport.Unavailable, aware.ToString(), StringComparison.Ordinal);
        (status, _, _) = await server.SendAsync("/validate/plain", Reviews.Pod("uid-plain-2"), Ct);
        Assert.Equal(200, status);
    }

    private static string MissingKubeconfig => Path.Combine(Path.GetTempPath(), "kw-no-such-kubeconfig", "config");

    private static JsonObject Policy(PolicyServerInstance server, string name, string operation, string payload, string? kind)
    {
        var module = server.AddModule(name, TestPolicies.FromText(HostCallPolicy.Wat("kubernetes", operation, payload)));
        var policy = new JsonObject { ["module"] = module, ["hostCapabilities"] = new JsonArray("*") };
        if (kind is not null)
        {
            policy["contextAwareResources"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = kind });
        }

        return policy;
    }

    private static async Task<(int Code, string Message)> MessageAsync(PolicyServerInstance server, string policy)
    {
        var (status, body, _) = await server.SendAsync($"/validate/{policy}", Reviews.Pod($"uid-{policy}"), Ct);
        Assert.Equal(200, status);
        var response = JsonDocument.Parse(body).RootElement.GetProperty("response");
        var result = response.GetProperty("status");
        return (result.GetProperty("code").GetInt32(), result.GetProperty("message").GetString()!);
    }

    private static async Task<JsonElement> AnswerAsync(PolicyServerInstance server, string policy)
    {
        var (code, message) = await MessageAsync(server, policy);
        Assert.True(code == 200, $"{policy}: host error {message}");
        return JsonDocument.Parse(message).RootElement.Clone();
    }

    private static string[] Names(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!)];

    private static async Task SeenWithinASecondAsync(PolicyServerInstance server, Func<string[], bool> expected)
    {
        var watch = Stopwatch.StartNew();
        string[] names;
        do
        {
            names = Names(await AnswerAsync(server, "list-configmaps"));
            if (expected(names))
            {
                return;
            }

            await Task.Delay(50, Ct);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(1));

        Assert.Fail($"the ConfigMaps were still [{string.Join(", ", names)}] after 1 s");
    }
}
