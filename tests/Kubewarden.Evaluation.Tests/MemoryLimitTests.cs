namespace Kubewarden.Evaluation.Tests;

/// <summary><see cref="EvaluationOptions.MaxMemoryBytes"/> caps each instance: past it <c>memory.grow</c> fails.</summary>
public sealed class MemoryLimitTests(EngineFixture fixture)
{
    private const long SixteenMebibytes = 16 * EvaluationOptions.Mebibyte;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_MemoryBombUnderCap_GrowFailsAndPolicyAnswers(bool snapshots)
    {
        using var loader = Harness.CreateLoader(
            fixture.Engine, new EvaluationOptions { MaxMemoryBytes = SixteenMebibytes, SnapshotInitializedModules = snapshots });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("memory-bomb"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.False(verdict.Response.Allowed);
        Assert.Equal("grow failed", verdict.Response.Status?.Message);
        Assert.Null(verdict.Response.Status?.Code);
    }

    [Fact]
    public void Validate_MemoryBombEvaluatedTwice_SecondEvaluationAnswersToo()
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { MaxMemoryBytes = SixteenMebibytes });
        var bomb = loader.Load(Harness.Definition("bomb"), TestPolicies.Load("memory-bomb"));
        var accept = loader.Load(Harness.Definition("accept"), TestPolicies.Load("accept"));

        bomb.Validate(Harness.Request());
        var again = bomb.Validate(Harness.Request());
        var other = accept.Validate(Harness.Request());

        Assert.Equal("grow failed", again.Response.Status?.Message);
        Assert.True(other.Response.Allowed);
    }

    [Fact]
    public void Validate_MemoryBombTrapsAfterFailedGrow_RejectsWithTrapText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { MaxMemoryBytes = SixteenMebibytes });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("memory-bomb-trap"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, "internal server error: Guest call failure: wasm trap: wasm `unreachable` instruction executed", 500);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
    }

    [Fact]
    public void Validate_GrowTo64MibWithoutCap_Succeeds()
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { MaxMemoryBytes = null });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("memory-grow-64mib"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.True(verdict.Response.Allowed);
        Assert.Equal("grew", verdict.Response.Status?.Message);
    }

    [Fact]
    public void Validate_GrowTo64MibUnder16MibCap_GrowFails()
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { MaxMemoryBytes = SixteenMebibytes });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("memory-grow-64mib"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.False(verdict.Response.Allowed);
        Assert.Equal("grow failed", verdict.Response.Status?.Message);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(16L, 16L * 1024 * 1024)]
    public void MemoryCapFromMebibytes_CommandLineValue_GivesCap(long mebibytes, long? expected)
    {
        Assert.Equal(expected, EvaluationOptions.MemoryCapFromMebibytes(mebibytes));
    }
}
