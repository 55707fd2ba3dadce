using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Policies;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Modules a replaced policy set no longer uses are freed once that set has drained.</summary>
public sealed class ModuleLifetimeTests(EngineFixture fixture)
{
    [Fact]
    public void RetainOnly_ModuleNoEvaluatorUses_IsFreedAndTheOthersKeepServing()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var kept = loader.Load(Harness.Definition("kept"), TestPolicies.Load("accept"));
        loader.Load(Harness.Definition("dropped"), TestPolicies.Load("counter"));

        var freed = loader.RetainOnly([kept]);

        Assert.Equal(1, freed);
        Assert.True(kept.Validate(Harness.Request()).Response.Allowed);
        var reloaded = loader.Load(Harness.Definition("dropped-again"), TestPolicies.Load("counter"));
        Assert.Equal("1", reloaded.Validate(Harness.Request()).Response.Status?.Message);
    }

    [Fact]
    public void PolicyEnvironment_RetiredWhileARequestIsInside_DrainsWhenItExits()
    {
        var environment = new PolicyEnvironment("sha256:test", []);
        environment.Enter();

        environment.Retire();
        var drainedWhileInside = environment.IsDrained;
        environment.Exit();

        Assert.False(drainedWhileInside);
        Assert.True(environment.IsDrained);
    }

    [Fact]
    public void PolicyEnvironment_NotRetired_IsNeverDrained()
    {
        var environment = new PolicyEnvironment("sha256:test", [new FailedEntry(
            new SinglePolicyConfig("p", new PolicyModuleConfig("file:///p.wasm", null, [], null, []), PolicyMode.Protect, false, null), "boom", [])]);

        Assert.False(environment.IsDrained);
        Assert.Empty(environment.Evaluators);
    }
}
