using System.Text;

namespace Kubewarden.Evaluation.Tests;

/// <summary>A <c>mutated_object</c> becomes a JSON patch against the request object (spec §1.5).</summary>
public sealed class MutationTests(EngineFixture fixture)
{
    private const string ExpectedPatch = """[{"op":"add","path":"/metadata/labels","value":{"owner":"kubewarden"}}]""";

    [Fact]
    public void Validate_MutatedObjectDiffers_AnswersJsonPatch()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("mutating", TestPolicies.MutatingMetadata));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.Equal(Harness.Uid, verdict.Response.Uid);
        Assert.True(verdict.Response.Allowed);
        Assert.Equal("JSONPatch", verdict.Response.PatchType);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(ExpectedPatch)), verdict.Response.Patch);
        Assert.Null(verdict.Response.Status);
    }

    [Fact]
    public void Validate_MutatedObjectEqualsRequestObject_AnswersNoPatch()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("mutating", TestPolicies.MutatingMetadata));

        var verdict = evaluator.Validate(Harness.Request(
            objectJson: """{"kind":"Pod","metadata":{"name":"nginx","labels":{"owner":"kubewarden"}},"apiVersion":"v1"}"""));

        Assert.True(verdict.Response.Allowed);
        Assert.Null(verdict.Response.PatchType);
        Assert.Null(verdict.Response.Patch);
    }

    [Fact]
    public void Validate_MutationOfDeleteRequestWithoutObject_Rejects()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("mutating", TestPolicies.MutatingMetadata));

        var verdict = evaluator.Validate(Harness.Request("DELETE", objectJson: null));

        GuestFailureTests.AssertRejected(
            verdict,
            "Incoming object is null, which happens only with DELETE operations, but the policy is attempting a mutation. This is not allowed",
            null);
        Assert.Null(verdict.Response.PatchType);
    }

    [Fact]
    public void Validate_RawRequest_PatchDiffsAgainstTheWholeRequest()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("mutating", TestPolicies.MutatingMetadata));

        var verdict = evaluator.Validate(Harness.RawRequest(Harness.PodObject));

        Assert.Equal(string.Empty, verdict.Response.Uid);
        Assert.True(verdict.Response.Allowed);
        Assert.Equal("JSONPatch", verdict.Response.PatchType);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(ExpectedPatch)), verdict.Response.Patch);
    }

    [Fact]
    public void Validate_RawRequestWithUid_ResponseCarriesTheUid()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.Load("accept"));

        var verdict = evaluator.Validate(Harness.RawRequest("""{"uid":"raw-7","user":"alice"}"""));

        Assert.Equal("raw-7", verdict.Response.Uid);
        Assert.True(verdict.Response.Allowed);
    }
}
