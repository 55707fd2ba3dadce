using System.Text;
using System.Text.Json;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Every evaluation runs in a fresh instance: state from one call never reaches the next.</summary>
public sealed class FreshInstanceTests(EngineFixture fixture)
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 0)]
    [InlineData(true, 4)]
    [InlineData(false, 1)]
    public void Validate_CounterPolicyEvaluatedFiveTimes_AlwaysAnswersOne(bool snapshots, int preparedInstances)
    {
        using var loader = Harness.CreateLoader(
            fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots, PreparedInstancesPerModule = preparedInstances });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("counter"));

        for (var i = 0; i < 5; i++)
        {
            var verdict = evaluator.Validate(Harness.Request());

            Assert.Equal(EvaluationFailure.None, verdict.Failure);
            Assert.True(verdict.Response.Allowed);
            Assert.Equal("1", verdict.Response.Status?.Message);
            Assert.Equal(Harness.Uid, verdict.Response.Uid);
        }
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Validate_CounterPolicyEvaluatedConcurrently_AlwaysAnswersOne(bool snapshots, int preparedInstances)
    {
        using var loader = Harness.CreateLoader(
            fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots, PreparedInstancesPerModule = preparedInstances });
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("counter"));

        var messages = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(
            () => evaluator.Validate(Harness.Request()).Response.Status?.Message, TestContext.Current.CancellationToken)));

        Assert.All(messages, message => Assert.Equal("1", message));
    }

    [Fact]
    public void Validate_CounterPolicy_PolicyOutputIsTheGuestResponse()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("counter"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal("""{"accepted":true,"message":"1"}""", Encoding.UTF8.GetString(verdict.PolicyOutput.Span));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void LoadWapcGuest_CounterPolicy_StartsFromSnapshotWhenSnapshotsAreOn(bool snapshots, bool expected)
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots });
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("counter"), "counter");

        Assert.Equal(expected, guest.StartsFromSnapshot);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WapcGuestCall_CounterPolicyCalledRepeatedly_AlwaysAnswersOne(bool snapshots)
    {
        using var loader = Harness.CreateLoader(fixture.Engine, new EvaluationOptions { SnapshotInitializedModules = snapshots });
        using var guest = loader.LoadWapcGuest(TestPolicies.Load("counter"), "counter");

        for (var i = 0; i < 3; i++)
        {
            var result = guest.Call("validate", "{}"u8.ToArray(), new NoHostCalls(), TimeSpan.FromSeconds(2), "counter");

            Assert.True(result.Succeeded, result.Error);
            using var response = JsonDocument.Parse(result.Response);
            Assert.Equal("1", response.RootElement.GetProperty("message").GetString());
        }
    }

    [Fact]
    public void Load_SameModuleForTwoPolicies_BothEvaluateIndependently()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var module = TestPolicies.Load("counter");
        var first = loader.Load(Harness.Definition("first"), module);
        var second = loader.Load(Harness.Definition("second"), module);

        Assert.Equal("1", first.Validate(Harness.Request()).Response.Status?.Message);
        Assert.Equal("1", second.Validate(Harness.Request()).Response.Status?.Message);
        Assert.Equal("first", first.Id);
        Assert.Equal("second", second.Id);
    }
}
