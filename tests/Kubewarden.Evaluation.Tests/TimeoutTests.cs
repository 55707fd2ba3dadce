using Kubewarden.Evaluation.Wapc;

namespace Kubewarden.Evaluation.Tests;

/// <summary>A policy that runs past its deadline is interrupted and rejected (spec §1.6, §6.1).</summary>
public sealed class TimeoutTests(EngineFixture fixture)
{
    private const string TimeoutMessage = "Policy execution interrupted because it exceeded the allowed execution time";

    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_EndlessLoopInGuestCall_RejectsAsTimeout(bool snapshots)
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots });
        var evaluator = loader.Load(Harness.Definition() with { Timeout = ShortTimeout }, TestPolicies.Load("endless-loop"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, TimeoutMessage, 500);
        Assert.Equal(EvaluationFailure.Timeout, verdict.Failure);
    }

    [Fact]
    public void Validate_EndlessLoopEvaluatedTwice_SecondEvaluationAlsoTimesOut()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition() with { Timeout = ShortTimeout }, TestPolicies.Load("endless-loop"));

        evaluator.Validate(Harness.Request());
        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, TimeoutMessage, 500);
        Assert.Equal(EvaluationFailure.Timeout, verdict.Failure);
    }

    [Fact]
    public void Load_PolicyTimeout_OverridesTheDefault()
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { DefaultTimeout = TimeSpan.FromSeconds(7) });

        var own = loader.Load(Harness.Definition("own") with { Timeout = ShortTimeout }, TestPolicies.Load("accept"));
        var inherited = loader.Load(Harness.Definition("inherited"), TestPolicies.Load("accept"));

        Assert.Equal(ShortTimeout, own.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(7), inherited.Timeout);
    }

    [Fact]
    public void Validate_EndlessLoopInInitWithSnapshotsOn_LoadsAndRejectsAsTimeout()
    {
        // The snapshot attempt runs init under the default timeout, fails, and falls back to init per evaluation.
        using var loader = Harness.CreateLoader(
            fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = true, DefaultTimeout = TimeSpan.FromMilliseconds(300) });
        var evaluator = loader.Load(Harness.Definition() with { Timeout = ShortTimeout }, TestPolicies.Load("endless-init"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, TimeoutMessage, 500);
        Assert.Equal(EvaluationFailure.Timeout, verdict.Failure);
    }

    [Fact]
    public void LoadWapcGuest_EndlessLoopInInitWithSnapshotsOn_FallsBackToInitPerCall()
    {
        using var loader = Harness.CreateLoader(
            fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = true, DefaultTimeout = TimeSpan.FromMilliseconds(300) });
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("endless-init"), "x");

        var result = guest.Call("validate", "{}"u8.ToArray(), new NoHostCalls(), ShortTimeout, "x");

        Assert.False(guest.StartsFromSnapshot);
        Assert.Equal(WapcFailure.InitTimeout, result.Failure);
        Assert.Equal("Initialization failed: wapc_init init interrupted, execution deadline exceeded", result.Error);
    }

    [Fact]
    public void WapcGuestCall_EndlessLoop_FailsWithDeadlineText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("endless-loop"), "x");

        var result = guest.Call("validate", "{}"u8.ToArray(), new NoHostCalls(), ShortTimeout, "x");

        Assert.Equal(WapcFailure.Timeout, result.Failure);
        Assert.Equal("Guest call failure: guest code interrupted, execution deadline exceeded", result.Error);
        Assert.True(result.Response.IsEmpty);
    }

    [Fact]
    public void Call_EndlessLoop_FailsWithDeadlineText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition() with { Timeout = ShortTimeout }, TestPolicies.Load("endless-loop"));

        var result = evaluator.Call("protocol_version", []);

        Assert.False(result.Succeeded);
        Assert.Equal("Guest call failure: guest code interrupted, execution deadline exceeded", result.Error);
    }
}
