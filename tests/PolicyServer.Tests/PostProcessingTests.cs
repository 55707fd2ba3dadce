using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Kubewarden.PolicyServer.Tests.Harness;

namespace Kubewarden.PolicyServer.Tests;

/// <summary>Mutation, monitor mode, custom messages (spec §5.3), groups (§5.2) and namespace exemption (§5.4).</summary>
public sealed class PostProcessingTests(SharedServerFixture fixture)
{
    private PolicyServerInstance Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MutatingPolicy_AllowedToMutate_AnswersAJsonPatchProducingTheMutatedObject()
    {
        var (status, text, _) = await Server.SendAsync("/validate/mutate-allowed", Reviews.Pod("uid-mut"), Ct);

        Assert.Equal(200, status);
        var response = JsonNode.Parse(text)!["response"]!.AsObject();
        Assert.Equal(["uid", "allowed", "patchType", "patch", "auditAnnotations", "warnings"], response.Select(p => p.Key));
        Assert.True((bool)response["allowed"]!);
        Assert.Equal("JSONPatch", (string?)response["patchType"]);
        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)response["patch"]!)))!.AsArray();
        var patched = JsonPatch.Apply(JsonNode.Parse(Reviews.PodObject)!, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ServerPolicies.MutatedPod), patched), $"patched object: {patched.ToJsonString()}");
    }

    [Fact]
    public async Task MutatingPolicy_NotAllowedToMutate_IsRejected()
    {
        var (status, text, _) = await Server.SendAsync("/validate/mutate-denied", Reviews.Pod("uid-nomut"), Ct);

        Assert.Equal(200, status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-nomut","allowed":false,"status":{"message":"Request rejected by policy mutate-denied. The policy attempted to mutate the request, but it is currently configured to not allow mutations."},"auditAnnotations":null,"warnings":null}}""",
            text);
    }

    [Fact]
    public async Task MutatingPolicy_NotAllowedToMutate_OnAudit_KeepsThePatch()
    {
        var (_, text, _) = await Server.SendAsync("/audit/mutate-denied", Reviews.Pod("uid-audit-mut"), Ct);

        var response = JsonNode.Parse(text)!["response"]!;
        Assert.True((bool)response["allowed"]!);
        Assert.Equal("JSONPatch", (string?)response["patchType"]);
    }

    [Fact]
    public async Task CustomMessage_ReplacesTheMessage_KeepsOriginalAsCauseAndTheCode()
    {
        var (status, text, _) = await Server.SendAsync("/validate/reject-custom", Reviews.Pod("uid-custom"), Ct);

        Assert.Equal(200, status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-custom","allowed":false,"status":{"message":"custom says no","details":{"causes":[{"reason":null,"message":"rejected by test","field":null}]},"code":403},"auditAnnotations":null,"warnings":null}}""",
            text);
    }

    [Fact]
    public async Task CustomMessage_NotAppliedOnAudit()
    {
        var (_, text, _) = await Server.SendAsync("/audit/reject-custom", Reviews.Pod("uid-custom"), Ct);

        Assert.Contains("""{"message":"rejected by test","code":403}""", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorMode_AcceptsOnValidateAndValidateRaw()
    {
        var validate = await Server.SendAsync("/validate/monitor-reject", Reviews.Pod("uid-mon"), Ct);
        var raw = await Server.SendAsync("/validate_raw/monitor-reject", Reviews.Raw("uid-mon"), Ct);

        Assert.Contains(Reviews.Accepted("uid-mon"), validate.Body, StringComparison.Ordinal);
        Assert.Equal($$"""{"response":{{Reviews.Accepted("uid-mon")}}}""", raw.Body);
    }

    [Fact]
    public async Task Group_AndWithOneRejectingMember_AnswersTheGroupMessageWithTheMemberAsCause()
    {
        var (status, text, _) = await Server.SendAsync("/validate/group-and", Reviews.Pod("uid-group"), Ct);

        Assert.Equal(200, status);
        Assert.Equal(
            """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{"uid":"uid-group","allowed":false,"status":{"message":"group says no","details":{"causes":[{"reason":null,"message":"rejected by test","field":"spec.policies.b"}]}},"auditAnnotations":null,"warnings":null}}""",
            text);
    }

    [Fact]
    public async Task Group_OrWithAcceptingFirstMember_ShortCircuits()
    {
        var watch = Stopwatch.StartNew();
        var (status, text, _) = await Server.SendAsync("/validate/group-or", Reviews.Pod("uid-or"), Ct);
        watch.Stop();

        Assert.Equal(200, status);
        Assert.Equal($$"""{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{{Reviews.Accepted("uid-or")}}}""", text);
        // Member b loops until its 10 s deadline; had it been called, the answer would take 10 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"group-or took {watch.Elapsed}: member b was evaluated");
    }

    [Fact]
    public async Task NamespaceExemption_AcceptsWithoutEvaluating()
    {
        // `trap` rejects every evaluated request; in kube-system it is not evaluated.
        var validate = await Server.SendAsync("/validate/trap", Reviews.Pod("uid-exempt", ns: "kube-system"), Ct);
        var audit = await Server.SendAsync("/audit/trap", Reviews.Pod("uid-exempt", ns: "kube-system"), Ct);
        var elsewhere = await Server.SendAsync("/validate/trap", Reviews.Pod("uid-exempt", ns: "default"), Ct);

        Assert.Equal($$"""{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{{Reviews.Accepted("uid-exempt")}}}""", validate.Body);
        Assert.Equal(validate.Body, audit.Body);
        Assert.Contains("\"allowed\":false", elsewhere.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceExemption_NeverAppliesToRawRequests()
    {
        var (status, text, _) = await Server.SendAsync("/validate_raw/trap", Reviews.Raw("uid-raw-exempt", ns: "kube-system"), Ct);

        Assert.Equal(200, status);
        var response = JsonNode.Parse(text)!["response"]!;
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(500, (int)response["status"]!["code"]!);
    }

    [Fact]
    public async Task NamespaceExemption_UnknownPolicyIsStill404()
    {
        var (status, text, _) = await Server.SendAsync("/validate/x", Reviews.Pod("uid", ns: "kube-system"), Ct);

        Assert.Equal(404, status);
        Assert.Equal("""{"message":"unknown policy: x","status":404}""", text);
    }

    [Fact]
    public async Task NamespaceExemption_ClusterScopedRequestsAreEvaluated()
    {
        var (_, text, _) = await Server.SendAsync("/validate/trap", Reviews.Pod("uid-cluster", ns: null), Ct);

        Assert.Contains("\"allowed\":false", text, StringComparison.Ordinal);
    }
}
