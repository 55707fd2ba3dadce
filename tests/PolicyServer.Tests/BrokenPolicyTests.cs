using System.Text.Json.Nodes;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>Policies that cannot load beside healthy ones (spec §5.5): isolated, answering their reason.</summary>
public sealed class BrokenPolicyTests(SharedServerFixture fixture)
{
    private PolicyServerInstance Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("missing-module", "Error while downloading policy 'missing-module' from file://")]
    [InlineData("invalid-settings", "Policy settings are invalid: settings are wrong")]
    [InlineData("unservable", "Policy settings are invalid: ")]
    [InlineData("not-wasm", "")]
    public async Task BrokenPolicy_Answers200_Rejected_Code500_WithTheReason(string id, string messageStart)
    {
        foreach (var route in new[] { "validate", "audit" })
        {
            var (status, text, _) = await Server.SendAsync($"/{route}/{id}", Reviews.Pod("uid-broken"), Ct);

            Assert.Equal(200, status);
            var response = JsonNode.Parse(text)!["response"]!;
            Assert.False((bool)response["allowed"]!);
            Assert.Equal(500, (int)response["status"]!["code"]!);
            var message = (string?)response["status"]!["message"];
            Assert.False(string.IsNullOrEmpty(message));
            Assert.StartsWith(messageStart, message, StringComparison.Ordinal);
        }

        var policies = await Server.PoliciesAsync(Ct);
        var status2 = policies.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        Assert.Equal("error", status2.GetProperty("state").GetString());
        Assert.StartsWith(messageStart, status2.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthyPolicies_KeepServing_AndTheServerIsReady()
    {
        using var ready = await Server.Readiness.GetAsync(new Uri("/readiness", UriKind.Relative), Ct);
        var (status, text, _) = await Server.SendAsync("/validate/accept", Reviews.Pod("uid-healthy"), Ct);

        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal(200, status);
        Assert.Contains(Reviews.Accepted("uid-healthy"), text, StringComparison.Ordinal);
    }
}
