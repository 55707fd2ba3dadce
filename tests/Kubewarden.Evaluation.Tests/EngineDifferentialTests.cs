using System.Text;
using Kubewarden.Admission;
using Kubewarden.Wasm;
using Kubewarden.Tests.Shared;

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// Every project test policy gives byte-identical answers on every engine: the AdmissionReview of a validation (trap
/// texts come from engine-neutral kinds), the settings verdict, and what the policy wrote back.
/// </summary>
public sealed class EngineDifferentialTests : IClassFixture<AllEnginesFixture>
{
    // Long enough for V8 to compile a function lazily on its first call on a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly AllEnginesFixture _engines;

    public EngineDifferentialTests(AllEnginesFixture engines)
    {
        _engines = engines;
    }

    /// <summary>The WAT policies; <c>opa-abi</c> is a template, run through <see cref="RegoTestModule_OnEveryEngine_AnswersByteIdentically"/>.</summary>
    public static TheoryData<string> Policies() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Policies"), "*.wat").Select(Path.GetFileNameWithoutExtension)
            .Where(name => name != "opa-abi").Order(StringComparer.Ordinal)!);

    public static TheoryData<string, string, string, string> RegoModules() => new()
    {
        { "opa", OpaTestModules.EchoInput, "{}", "null" },
        { "opa", OpaTestModules.PrintThenEchoData, "{}", "null" },
        { "gatekeeper", OpaTestModules.Constant, "{}", """[{"msg":"a"},{"msg":"b"}]""" },
        { "gatekeeper", OpaTestModules.BuiltinOfData, """{"hex.decode":0}""", "null" },
        { "gatekeeper", OpaTestModules.BuiltinOfData, """{"yaml.marshal":0}""", "null" },
        { "gatekeeper", OpaTestModules.Abort, "{}", "null" },
    };

    [Theory]
    [MemberData(nameof(RegoModules))]
    public void RegoTestModule_OnEveryEngine_AnswersByteIdentically(string mode, string eval, string builtins, string constant)
    {
        var module = OpaTestModules.Annotated(mode, eval, builtins, constant);
        var answers = _engines.All.Select(engine => (engine.Name, Answer: Evaluate(engine, module))).ToArray();

        Assert.All(answers.Skip(1), answer => Assert.Equal(answers[0].Answer, answer.Answer));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void TestPolicy_OnEveryEngine_AnswersByteIdentically(string policy)
    {
        var module = TestPolicies.Load(policy, policy.StartsWith("wasi-", StringComparison.Ordinal) ? TestPolicies.WasiMetadata
            : policy == "mutating" ? TestPolicies.MutatingMetadata : TestPolicies.WapcMetadata);
        var answers = _engines.All.Select(engine => (engine.Name, Answer: Evaluate(engine, module))).ToArray();

        foreach (var (name, answer) in answers.Skip(1))
        {
            Assert.True(answer == answers[0].Answer, $"{policy}: {answers[0].Name} answered{Environment.NewLine}{answers[0].Answer}{Environment.NewLine}{name} answered{Environment.NewLine}{answer}");
        }
    }

    private static string Evaluate(IWasmEngine engine, byte[] module)
    {
        using var loader = Harness.CreateLoader(engine, new EvaluationOptions { DefaultTimeout = Timeout, MaxMemoryBytes = 16 * EvaluationOptions.Mebibyte });
        PolicyEvaluator evaluator;
        try
        {
            evaluator = loader.Load(Harness.Definition(), module);
        }
        catch (PolicyLoadException e)
        {
            return $"load error: {e.Message}";
        }

        var verdict = evaluator.Validate(Harness.Request());
        var settings = evaluator.ValidateSettings();
        return $"{Encoding.UTF8.GetString(AdmissionReviewWriter.Write(verdict.Response))}{Environment.NewLine}" +
            $"failure: {verdict.Failure}{Environment.NewLine}output: {Encoding.UTF8.GetString(verdict.PolicyOutput.Span)}{Environment.NewLine}" +
            $"settings: {settings.Valid} {settings.Message}";
    }
}
