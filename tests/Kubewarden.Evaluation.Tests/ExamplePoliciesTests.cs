using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Admission;

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// The example policies under <c>examples/policies</c> are committed compiled (a newcomer needs no toolchain); this
/// keeps each <c>.wasm</c> equal to its <c>.wat</c> source plus metadata, and checks that the example works.
/// Run with <c>KUBEWARDEN_UPDATE_EXAMPLES=1</c> to rewrite the <c>.wasm</c> files after editing a source.
/// </summary>
public sealed class ExamplePoliciesTests(EngineFixture fixture)
{
    private static readonly string Folder = LocateExamples();

    public static TheoryData<string> Policies() => new(Directory.GetFiles(Folder, "*.wat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Policies))]
    public void CompiledExample_MatchesItsWatSourceAndMetadata(string name)
    {
        var expected = TestPolicies.WithMetadata(
            Wasmtime.Module.ConvertText(File.ReadAllText(Path.Combine(Folder, name + ".wat"))),
            File.ReadAllText(Path.Combine(Folder, name + ".metadata.json")).Trim());
        var path = Path.Combine(Folder, name + ".wasm");
        if (Environment.GetEnvironmentVariable("KUBEWARDEN_UPDATE_EXAMPLES") == "1")
        {
            File.WriteAllBytes(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected),
            $"{path} is not the compiled form of {name}.wat; run the tests with KUBEWARDEN_UPDATE_EXAMPLES=1 to regenerate it");
    }

    [Theory]
    [InlineData("privileged-pod.json", false, "privileged containers are not allowed")]
    [InlineData("unprivileged-pod.json", true, null)]
    public void NoPrivilegedPods_ExampleRequest_GetsTheDocumentedVerdict(string request, bool allowed, string? message)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(new PolicyDefinition("no-privileged-pods"), File.ReadAllBytes(Path.Combine(Folder, "no-privileged-pods.wasm")));
        var review = File.ReadAllBytes(Path.Combine(Folder, "..", "requests", request));

        var verdict = evaluator.Validate(ValidationRequest.ForAdmission(AdmissionRequest.FromReview(review)));

        Assert.Equal(allowed, verdict.Response.Allowed);
        Assert.Equal(message, verdict.Response.Status?.Message);
        Assert.True(evaluator.ValidateSettings().Valid);
        Assert.Equal("\"v1\"", Encoding.UTF8.GetString(evaluator.Call("protocol_version", []).Output.Span));
    }

    [Fact]
    public void UnprivilegedPods_PrivilegedPod_IsAdmittedWithAPatchThatTurnsPrivilegedOff()
    {
        var verdict = ValidateWithUnprivilegedPods(ExampleReview("privileged-pod.json"));

        Assert.True(verdict.Response.Allowed);
        Assert.Equal("JSONPatch", verdict.Response.PatchType);
        Assert.Equal(
            """[{"op":"replace","path":"/spec/containers/0/securityContext/privileged","value":false}]""",
            Encoding.UTF8.GetString(Convert.FromBase64String(verdict.Response.Patch!)));
    }

    [Fact]
    public void UnprivilegedPods_UnprivilegedPod_IsAdmittedWithoutAPatch()
    {
        var verdict = ValidateWithUnprivilegedPods(ExampleReview("unprivileged-pod.json"));

        Assert.True(verdict.Response.Allowed);
        Assert.Null(verdict.Response.PatchType);
    }

    [Fact]
    public void UnprivilegedPods_PrivilegedOnlyInOldObjectAndSettings_IsAdmittedWithoutAPatch()
    {
        var review = ExampleReview("unprivileged-pod.json");
        review["request"]!["operation"] = "UPDATE";
        review["request"]!["oldObject"] = ExampleReview("privileged-pod.json")["request"]!["object"]!.DeepClone();

        var verdict = ValidateWithUnprivilegedPods(review, """{"note":{"privileged":true}}""");

        Assert.True(verdict.Response.Allowed);
        Assert.Null(verdict.Response.PatchType);
    }

    [Fact]
    public void UnprivilegedPods_DeleteWithoutObject_IsAdmitted()
    {
        var review = ExampleReview("privileged-pod.json");
        review["request"]!["operation"] = "DELETE";
        review["request"]!["oldObject"] = review["request"]!["object"]!.DeepClone();
        review["request"]!["object"] = null;

        var verdict = ValidateWithUnprivilegedPods(review);

        Assert.True(verdict.Response.Allowed);
        Assert.Null(verdict.Response.PatchType);
    }

    private static JsonNode ExampleReview(string file) => JsonNode.Parse(File.ReadAllBytes(Path.Combine(Folder, "..", "requests", file)))!;

    private PolicyVerdict ValidateWithUnprivilegedPods(JsonNode review, string settings = "{}")
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(
            new PolicyDefinition("unprivileged-pods") { Settings = JsonDocument.Parse(settings).RootElement },
            File.ReadAllBytes(Path.Combine(Folder, "unprivileged-pods.wasm")));
        return evaluator.Validate(ValidationRequest.ForAdmission(AdmissionRequest.FromReview(Encoding.UTF8.GetBytes(review.ToJsonString()))));
    }

    private static string LocateExamples()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")))
            {
                return Path.Combine(directory.FullName, "examples", "policies");
            }
        }

        throw new DirectoryNotFoundException("the repository root (Kubewarden.sln) was not found above the test binaries");
    }
}
