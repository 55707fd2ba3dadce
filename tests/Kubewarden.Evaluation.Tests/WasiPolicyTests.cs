using System.Text;

namespace Kubewarden.Evaluation.Tests;

/// <summary>The <c>wasi</c> execution mode: request on stdin, answer on stdout, stderr as the error (spec §3.3).</summary>
public sealed class WasiPolicyTests(EngineFixture fixture)
{
    [Fact]
    public void Validate_WasiPolicyWritesResponse_VerdictIsTheResponse()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("wasi-reject", TestPolicies.WasiMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(ExecutionMode.Wasi, evaluator.Mode);
        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.Equal(Harness.Uid, verdict.Response.Uid);
        Assert.False(verdict.Response.Allowed);
        Assert.Equal("wasi says no", verdict.Response.Status?.Message);
        Assert.Null(verdict.Response.Status?.Code);
        Assert.Equal("""{"accepted":false,"message":"wasi says no"}""", Encoding.UTF8.GetString(verdict.PolicyOutput.Span));
    }

    [Fact]
    public void Validate_WasiPolicyWithoutProtocolVersion_Loads()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var evaluator = loader.Load(
            Harness.Definition(), TestPolicies.Load("wasi-reject", """{"rules":[],"mutating":false,"executionMode":"wasi"}"""));

        Assert.Equal("wasi says no", evaluator.Validate(Harness.Request()).Response.Status?.Message);
    }

    [Fact]
    public void Call_WasiPolicyWithSettingsAction_RunsWithThatArgument()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("wasi-reject", TestPolicies.WasiMetadata));

        var result = evaluator.Call("validate-settings", "{}"u8);

        Assert.True(result.Succeeded);
        Assert.Equal("""{"accepted":false,"message":"wasi says no"}""", Encoding.UTF8.GetString(result.Output.Span));
    }

    [Fact]
    public void Validate_WasiPolicyExitsWithError_RejectsWithStderr()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("wasi-exit-error", TestPolicies.WasiMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, "bad input", 500);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
    }

    [Fact]
    public void Validate_WasiPolicyLoopsForever_RejectsAsTimeoutWithEmptyStderr()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(
            Harness.Definition() with { Timeout = TimeSpan.FromMilliseconds(200) }, TestPolicies.Load("wasi-endless-loop", TestPolicies.WasiMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, string.Empty, 500);
        Assert.Equal(EvaluationFailure.Timeout, verdict.Failure);
    }

    [Fact]
    public void Load_WasiModuleInWapcMode_FailsWithoutGuestCall()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("wasi-as-wapc"), TestPolicies.Load("wasi-reject")));

        Assert.Equal("policy `wasi-as-wapc`: Guest call function (__guest_call) not exported by wasm module.", error.Message);
    }

    [Fact]
    public void Load_WapcModuleInWasiMode_FailsWithoutStart()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("wapc-as-wasi"), TestPolicies.Load("accept", TestPolicies.WasiMetadata)));

        Assert.Equal("policy `wapc-as-wasi`: the module does not export `_start`, which the wasi execution mode runs", error.Message);
    }

    [Fact]
    public void Validate_WasiHostCallWithHandler_EchoesTheHostAnswer()
    {
        var handler = new RecordingDnsHandler("""{"accepted":true,"message":"resolved"}""");
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [handler]);
        var evaluator = loader.Load(Harness.Definition("wasi-dns", hostCapabilities: ["net/*"]), TestPolicies.Load("wasi-host-call", TestPolicies.WasiMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.True(verdict.Response.Allowed);
        Assert.Equal("resolved", verdict.Response.Status?.Message);
        Assert.Equal([("wasi-dns", "\"example.com\"")], handler.Calls);
    }

    [Fact]
    public void Validate_WasiHostCallDenied_RejectsWithDenialText()
    {
        var handler = new RecordingDnsHandler("""{"accepted":true}""");
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [handler]);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.Load("wasi-host-call", TestPolicies.WasiMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(
            verdict, "Policy has not been granted access to the 'net/v1/dns_lookup_host' host capability. The violation has been reported.", 500);
        Assert.Empty(handler.Calls);
    }
}
