using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>The routes of both ports and their bodies (spec §4.2, §4.3), on the shared server.</summary>
public sealed class RouteTests(SharedServerFixture fixture)
{
    private PolicyServerInstance Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Validate_AcceptingPolicy_AnswersTheAdmissionReviewExactly()
    {
        var (status, body, contentType) = await Server.SendAsync("/validate/accept", Reviews.Pod("uid-validate"), Ct);

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-validate","allowed":true,"auditAnnotations":null,"warnings":null}}""",
            body);
    }

    [Fact]
    public async Task ValidateRaw_AcceptingPolicy_AnswersOnlyTheResponse()
    {
        var (status, body, _) = await Server.SendAsync("/validate_raw/accept", Reviews.Raw("uid-raw"), Ct);

        Assert.Equal(200, status);
        Assert.Equal("""{"response":{"uid":"uid-raw","allowed":true,"auditAnnotations":null,"warnings":null}}""", body);
    }

    [Fact]
    public async Task Audit_AnswersTheRawVerdict_WhileValidateAppliesMonitorMode()
    {
        var audit = await Server.SendAsync("/audit/monitor-reject", Reviews.Pod("uid-audit"), Ct);
        var validate = await Server.SendAsync("/validate/monitor-reject", Reviews.Pod("uid-audit"), Ct);
        var raw = await Server.SendAsync("/validate_raw/monitor-reject", Reviews.Raw("uid-audit"), Ct);

        Assert.Equal(200, audit.Status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-audit","allowed":false,"status":{"message":"rejected by test","code":403},"auditAnnotations":null,"warnings":null}}""",
            audit.Body);
        Assert.Equal(200, validate.Status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-audit","allowed":true,"auditAnnotations":null,"warnings":null}}""",
            validate.Body);
        Assert.Equal("""{"response":{"uid":"uid-audit","allowed":true,"auditAnnotations":null,"warnings":null}}""", raw.Body);
    }

    [Fact]
    public async Task Audit_RejectingPolicy_SameVerdictAsValidate()
    {
        var audit = await Server.SendAsync("/audit/reject", Reviews.Pod("uid-r"), Ct);
        var validate = await Server.SendAsync("/validate/reject", Reviews.Pod("uid-r"), Ct);

        Assert.Equal(validate.Body, audit.Body);
        Assert.Contains("\"allowed\":false", audit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_Answers200OnTheReadinessPortOnly()
    {
        using var ready = await Server.Readiness.GetAsync(new Uri("/readiness", UriKind.Relative), Ct);
        using var onApi = await Server.Api.GetAsync(new Uri("/readiness", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(string.Empty, await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
    }

    [Theory]
    [InlineData("/validate/accept")]
    [InlineData("/validate_raw/accept")]
    [InlineData("/audit/accept")]
    public async Task EvaluationRoutes_Answer404OnTheReadinessPort(string path)
    {
        using var response = await Server.Readiness.PostAsync(new Uri(path, UriKind.Relative), PolicyServerInstance.Json(Reviews.Pod("uid")), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/policies")]
    [InlineData("/metrics")]
    public async Task ReadinessPortRoutes_Answer404OnTheApiPort(string path)
    {
        using var response = await Server.Api.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Answers404_AndWrongMethod405()
    {
        using var unknown = await Server.Api.PostAsync(new Uri("/nothing-here", UriKind.Relative), PolicyServerInstance.Json("{}"), Ct);
        using var get = await Server.Api.GetAsync(new Uri("/validate/accept", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    /// <summary>The harness finds the ports by scheme; this pins the order the server reports them in.</summary>
    [Fact]
    public void ServerAddresses_ListTheApiListenerFirst_ThenReadiness()
    {
        Assert.Equal(2, Server.Addresses.Count);
        Assert.StartsWith("https://127.0.0.1:", Server.Addresses[0], StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", Server.Addresses[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_DescribesTheLoadedSet()
    {
        var policies = await Server.PoliciesAsync(Ct);

        Assert.Equal(
            ["configVersion", "engine", "lastReloadError", "policies"],
            policies.EnumerateObject().Select(p => p.Name));
        Assert.Equal(PolicyServerInstance.VersionOf(fixture.PoliciesBytes), policies.GetProperty("configVersion").GetString());
        Assert.Equal(PolicyServerInstance.Engine, policies.GetProperty("engine").GetString());
        Assert.Equal(JsonValueKind.Null, policies.GetProperty("lastReloadError").ValueKind);

        var byId = policies.GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(
            ["accept", "endless", "group-and", "group-and/a", "group-and/b", "group-or", "group-or/a", "group-or/b", "invalid-settings",
             "missing-module", "monitor-reject", "mutate-allowed", "mutate-denied", "not-wasm", "reject", "reject-custom", "trap", "unservable"],
            byId.Keys.Order(StringComparer.Ordinal));

        var accept = byId["accept"];
        Assert.Equal(["id", "state", "message", "moduleDigest"], accept.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ready", accept.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, accept.GetProperty("message").ValueKind);
        var digest = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Server.ModulesDirectory, "accept.wasm"), Ct)));
        Assert.Equal($"sha256:{digest}", accept.GetProperty("moduleDigest").GetString());
        Assert.Equal($"sha256:{digest}", byId["group-and/a"].GetProperty("moduleDigest").GetString());
        Assert.Equal("ready", byId["group-and"].GetProperty("state").GetString());

        var missing = byId["missing-module"];
        Assert.Equal("error", missing.GetProperty("state").GetString());
        Assert.StartsWith("Error while downloading policy 'missing-module' from file://", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("moduleDigest").ValueKind);
        Assert.Equal("error", byId["invalid-settings"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Metrics_ExposeEvaluationCountAndLatencyWithKubewardenLabels()
    {
        var (status, _, _) = await Server.SendAsync("/validate/accept", Reviews.Pod("uid-metrics"), Ct);
        Assert.Equal(200, status);

        string[] required =
        [
            "kubewarden_policy_evaluations_total{",
            "kubewarden_policy_evaluation_latency_milliseconds_bucket{",
            "kubewarden_policy_evaluation_latency_milliseconds_sum{",
            "kubewarden_policy_evaluation_latency_milliseconds_count{",
        ];
        var lines = await Poll.UntilAsync(
            async () => (await Server.Readiness.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct)).Split('\n'),
            scraped => required.All(name => scraped.Any(line => IsValidateOfAccept(line, name))),
            "the evaluation of `accept` to show in /metrics",
            Ct);

        foreach (var name in required)
        {
            // Other tests of the shared server evaluate `accept` too (e.g. through /audit): pick this request's series.
            var line = lines.First(l => IsValidateOfAccept(l, name));
            foreach (var label in new[] { "policy_mode=\"protect\"", "accepted=\"true\"", "mutated=\"false\"" })
            {
                Assert.Contains(label, line, StringComparison.Ordinal);
            }
        }
    }

    private static bool IsValidateOfAccept(string line, string metric) =>
        line.StartsWith(metric, StringComparison.Ordinal)
        && line.Contains("policy_name=\"accept\"", StringComparison.Ordinal)
        && line.Contains("request_origin=\"validate\"", StringComparison.Ordinal);
}
