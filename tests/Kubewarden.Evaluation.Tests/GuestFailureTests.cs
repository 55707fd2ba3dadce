using System.Text;
using Kubewarden.Admission;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Traps, guest errors and unreadable answers become rejections with code 500 (spec §1.6).</summary>
public sealed class GuestFailureTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("trap-unreachable", "internal server error: Guest call failure: wasm trap: wasm `unreachable` instruction executed")]
    [InlineData("trap-divide-by-zero", "internal server error: Guest call failure: wasm trap: integer divide by zero")]
    [InlineData("trap-out-of-bounds", "internal server error: Guest call failure: wasm trap: out of bounds memory access")]
    [InlineData("trap-stack-overflow", "internal server error: Guest call failure: wasm trap: call stack exhausted")]
    public void Validate_GuestTraps_RejectsWithTrapText(string policy, string expectedMessage)
    {
        AssertTrapVerdict(policy, expectedMessage);
    }

    // Wasmtime (and so Kubewarden) describes these traps with the texts below; GuestTrapText folds them into other
    // kinds' texts or a generic one.
    [Theory]
    [InlineData("trap-integer-overflow", "internal server error: Guest call failure: wasm trap: integer overflow")]
    [InlineData("trap-null-indirect-call", "internal server error: Guest call failure: wasm trap: uninitialized element")]
    [InlineData("trap-invalid-conversion", "internal server error: Guest call failure: wasm trap: invalid conversion to integer")]
    public void Validate_GuestTrapsWithLessCommonTrap_RejectsWithWasmtimeTrapText(string policy, string expectedMessage)
    {
        AssertTrapVerdict(policy, expectedMessage);
    }

    private void AssertTrapVerdict(string policy, string expectedMessage)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load(policy));

        var verdict = evaluator.Validate(Harness.Request());

        AssertRejected(verdict, expectedMessage, 500);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_GuestTrapsRepeatedly_EveryEvaluationGetsTheSameVerdict(bool snapshots)
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("trap-unreachable"));

        for (var i = 0; i < 3; i++)
        {
            AssertRejected(evaluator.Validate(Harness.Request()), "internal server error: Guest call failure: wasm trap: wasm `unreachable` instruction executed", 500);
        }
    }

    [Fact]
    public void Validate_GuestReportsError_RejectsWithGuestErrorText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("guest-error"));

        var verdict = evaluator.Validate(Harness.Request());

        AssertRejected(verdict, "internal server error: Guest call failure: boom", 500);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
    }

    [Fact]
    public void Validate_GuestAnswersNotJson_RejectsAsInvalidResponse()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("bad-json"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.False(verdict.Response.Allowed);
        Assert.Equal(500, verdict.Response.Status?.Code);
        Assert.StartsWith("internal server error: invalid response from policy: ", verdict.Response.Status?.Message, StringComparison.Ordinal);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
        Assert.Equal("not json", Encoding.UTF8.GetString(verdict.PolicyOutput.Span));
    }

    [Fact]
    public void Call_GuestReportsError_ErrorIsGuestCallFailure()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("guest-error"));

        var result = evaluator.Call("protocol_version", []);

        Assert.False(result.Succeeded);
        Assert.Equal("Guest call failure: boom", result.Error);
    }

    [Fact]
    public void WapcGuestCall_GuestTraps_ErrorIsGuestCallFailure()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("trap-divide-by-zero"), "x");

        var result = guest.Call("validate", "{}"u8.ToArray(), new NoHostCalls(), TimeSpan.FromSeconds(2), "x");

        Assert.False(result.Succeeded);
        Assert.Equal(Wapc.WapcFailure.GuestError, result.Failure);
        Assert.Equal("Guest call failure: wasm trap: integer divide by zero", result.Error);
    }

    internal static void AssertRejected(PolicyVerdict verdict, string message, int? code)
    {
        Assert.Equal(Harness.Uid, verdict.Response.Uid);
        Assert.False(verdict.Response.Allowed);
        Assert.Equal(new AdmissionStatus { Message = message, Code = code }, verdict.Response.Status);
        Assert.Null(verdict.Response.Patch);
    }
}
