using System.Text.Json.Nodes;

namespace Kubewarden.Kubernetes.Tests.Capabilities;

public sealed class CanIHandlerTests(KubeApiServerFixture server)
{
    [Fact]
    public void CanI_SystemMastersUser_IsAllowed_WithoutAnyContextAwareGrant()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var status = capabilities.Succeeds("can_i", Review("e2e-admin", new JsonArray("system:masters")), CapabilityHarness.Policy());

        Assert.True(status["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public void CanI_UnknownUser_IsNotAllowed()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);

        var status = capabilities.Succeeds("can_i", Review("nobody-" + Guid.NewGuid().ToString("N"), null), CapabilityHarness.Policy());

        Assert.False(status["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public void CanI_MissingVerb_FailsNamingTheField()
    {
        using var cluster = server.NewCluster();
        var capabilities = new CapabilityHarness(cluster);
        var payload = Review("e2e-admin", null);
        payload["subject_access_review"]!["resource_attributes"]!.AsObject().Remove("verb");

        var error = capabilities.Fails("can_i", payload, CapabilityHarness.Policy());

        Assert.StartsWith("invalid kubernetes/can_i request: ", error);
        Assert.Contains("'verb'", error);
    }

    private static JsonObject Review(string user, JsonArray? groups) => new()
    {
        ["subject_access_review"] = new JsonObject
        {
            ["user"] = user,
            ["groups"] = groups,
            ["resource_attributes"] = new JsonObject
            {
                ["namespace"] = "default", ["resource"] = "pods", ["verb"] = "create", ["group"] = null, ["version"] = "v1",
            },
        },
        ["disable_cache"] = true,
    };
}
