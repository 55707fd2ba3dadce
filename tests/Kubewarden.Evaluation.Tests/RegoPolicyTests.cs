using System.Text;
using System.Text.Json;
using Kubewarden.Evaluation.Metadata;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// The <c>opa</c> and <c>gatekeeper</c> modes over the OPA Wasm ABI (spec §3.4): input and data construction, result
/// mapping, host builtins, and every way a Rego module can fail.
/// </summary>
public sealed class RegoPolicyTests(EngineFixture fixture) : IDisposable
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    // Evaluations expected to finish: a first builtin call (YAML, JSON patch) may take longer than ShortTimeout on a busy machine.
    private static readonly TimeSpan AmpleTimeout = TimeSpan.FromSeconds(30);

    private readonly List<PolicyLoader> _loaders = [];

    public void Dispose()
    {
        foreach (var loader in _loaders)
        {
            loader.Dispose();
        }
    }

    [Fact]
    public void Opa_ResponseInTheResult_IsTheVerdictWithTheRequestUid()
    {
        var evaluator = Load("opa", OpaTestModules.EchoData, settings: """
            {"response":{"uid":"not-the-request","allowed":false,"status":{"message":"no way","code":403},"warnings":["careful"]}}
            """);

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.Equal(Harness.Uid, verdict.Response.Uid);
        Assert.False(verdict.Response.Allowed);
        Assert.Equal("no way", verdict.Response.Status?.Message);
        Assert.Equal(403, verdict.Response.Status?.Code);
        Assert.Equal(["careful"], verdict.Response.Warnings);
        Assert.StartsWith("""[{"result":{"response":""", Encoding.UTF8.GetString(verdict.PolicyOutput.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Opa_Input_IsTheRequestUnderRequest()
    {
        var evaluator = Load("opa", OpaTestModules.EchoInput);

        var verdict = evaluator.Validate(Harness.Request());

        using var output = JsonDocument.Parse(verdict.PolicyOutput);
        var input = output.RootElement[0].GetProperty("result");
        Assert.Equal(["request"], input.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Harness.Uid, input.GetProperty("request").GetProperty("uid").GetString());
        AssertInternalError(verdict, "cannot interpret OPA policy result");
    }

    [Fact]
    public void Opa_RawRequest_IsEvaluatedUnderRequest()
    {
        var evaluator = Load("opa", OpaTestModules.EchoInput);

        var verdict = evaluator.Validate(Harness.RawRequest("""{"uid":"raw-1","user":"alice"}"""));

        Assert.Equal("""[{"result":{"request":{"uid":"raw-1","user":"alice"}}}]""", Encoding.UTF8.GetString(verdict.PolicyOutput.Span));
    }

    [Theory]
    [InlineData("""{"response":{"uid":"u","status":{"message":"m"}}}""", "allowed")]
    [InlineData("""{"response":{"allowed":true}}""", "missing field `uid`")]
    [InlineData("""{"response":{"uid":"u","allowed":"yes"}}""", "AdmissionResponse")]
    [InlineData("""{"verdict":{"uid":"u","allowed":true}}""", "cannot interpret OPA policy result")]
    public void Opa_ResultThatIsNotAnAdmissionResponse_IsAnInternalError(string settings, string fragment)
    {
        var evaluator = Load("opa", OpaTestModules.EchoData, settings: settings);

        var verdict = evaluator.Validate(Harness.Request());

        Assert.False(verdict.Response.Allowed);
        Assert.Equal(500, verdict.Response.Status?.Code);
        Assert.StartsWith("internal server error: ", verdict.Response.Status?.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, verdict.Response.Status?.Message, StringComparison.Ordinal);
        Assert.Equal(EvaluationFailure.PolicyError, verdict.Failure);
    }

    [Fact]
    public void Gatekeeper_Input_HasParametersAndReview()
    {
        var evaluator = Load("gatekeeper", OpaTestModules.EchoInput, settings: """{"allowed":["a"]}""");

        var verdict = evaluator.Validate(Harness.Request());

        using var output = JsonDocument.Parse(verdict.PolicyOutput);
        var input = output.RootElement[0].GetProperty("result");
        Assert.Equal(["parameters", "review"], input.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"allowed":["a"]}""", input.GetProperty("parameters").GetRawText());
        Assert.Equal(Harness.Uid, input.GetProperty("review").GetProperty("uid").GetString());
    }

    [Fact]
    public void Gatekeeper_Data_IsEmptyWhateverTheSettings()
    {
        var evaluator = Load("gatekeeper", OpaTestModules.EchoData, settings: """{"x":1}""");

        Assert.Equal("""[{"result":{}}]""", Encoding.UTF8.GetString(evaluator.Validate(Harness.Request()).PolicyOutput.Span));
    }

    [Theory]
    [InlineData("""[{"msg":"first"},{"msg":"second"},{"details":{}}]""", false, "first, second")]
    [InlineData("""[{"msg":"only","details":{"x":1}}]""", false, "only")]
    [InlineData("""[]""", true, null)]
    [InlineData("""[{"details":{}}]""", false, "")]
    public void Gatekeeper_Violations_RejectWithTheirMessagesJoined(string violations, bool allowed, string? message)
    {
        var evaluator = Load("gatekeeper", OpaTestModules.Constant, constant: violations);

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.Equal(allowed, verdict.Response.Allowed);
        Assert.Equal(message, verdict.Response.Status?.Message);
        Assert.Null(verdict.Response.Status?.Code);
    }

    [Theory]
    [InlineData("""{"msg":"not a list"}""")]
    [InlineData("""[{"msg":42}]""")]
    [InlineData("""["just text"]""")]
    public void Gatekeeper_MalformedResult_IsTreatedAsNoViolation(string result)
    {
        // Kubewarden's fail-open reading (spec A7), kept for compatibility.
        var evaluator = Load("gatekeeper", OpaTestModules.Constant, constant: result);

        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Fact]
    public void Gatekeeper_RawRequest_IsRefused()
    {
        var evaluator = Load("gatekeeper", OpaTestModules.Constant, constant: "[]");

        var verdict = evaluator.Validate(Harness.RawRequest("""{"uid":"raw-1"}"""));

        Assert.Equal("raw-1", verdict.Response.Uid);
        AssertInternalError(verdict, "Gatekeeper does not support raw validation requests");
    }

    [Theory]
    [InlineData("opa")]
    [InlineData("gatekeeper")]
    public void ContextAwarePolicy_WithoutKubernetesData_AnswersTheChannelError(string mode)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(
            Harness.Definition() with { ContextAwareResources = [new ContextAwareResource("v1", "Namespace")] },
            OpaTestModules.Annotated(mode, OpaTestModules.Constant, constant: "[]"));

        AssertInternalError(evaluator.Validate(Harness.Request()), "cannot build Rego context aware data: callback channel is not set");
    }

    [Theory]
    [InlineData("opa")]
    [InlineData("gatekeeper")]
    public void ValidateSettings_AnySettings_AreValidWithoutRunningTheModule(string mode)
    {
        var evaluator = Load(mode, OpaTestModules.EndlessLoop, settings: """{"anything":[1,2,3]}""");

        Assert.Equal(new SettingsVerdict(true, null), evaluator.ValidateSettings());
        Assert.Equal(new SettingsVerdict(true, null), evaluator.ValidateSettings("not even json"u8));
    }

    [Fact]
    public void HostBuiltin_CalledByTheModule_AnswersThroughTheAbi()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadOpaModule(OpaTestModules.Bare(OpaTestModules.BuiltinOfData, builtins: """{"yaml.marshal":0}"""));

        var evaluation = guest.Evaluate(0, "{}"u8, """{"b":[1,2],"a":"x"}"""u8, AmpleTimeout, "test");

        Assert.Null(evaluation.Error);
        Assert.Equal("""[{"result":"a: x\nb:\n  - 1\n  - 2\n"}]""", Encoding.UTF8.GetString(evaluation.ResultSet!));
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/b","value":2}]""", """[{"result":{"a":1,"b":2}}]""")]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", """[{"result":"undefined-result"}]""")]
    public void HostBuiltin_UndefinedResult_ReachesTheModuleAsUndefined(string patches, string resultSet)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadOpaModule(OpaTestModules.Bare(OpaTestModules.BuiltinOfInputAndData, builtins: """{"json.patch":0}""", constant: "\"undefined-result\""));

        var evaluation = guest.Evaluate(0, """{"a":1}"""u8, Encoding.UTF8.GetBytes(patches), AmpleTimeout, "test");

        Assert.Equal(resultSet, Encoding.UTF8.GetString(evaluation.ResultSet!));
    }

    [Fact]
    public void HostBuiltin_Error_TrapsTheEvaluation()
    {
        var evaluator = Load("opa", OpaTestModules.BuiltinOfData, builtins: """{"hex.decode":0}""");

        var verdict = evaluator.Validate(Harness.Request());

        AssertInternalError(
            verdict,
            "wasm engine error: error invoking eval function: Builtin error [\"hex.decode\"]: \"hex.decode: operand 1 must be string but got object\"");
    }

    [Fact]
    public void Load_ModuleNeedingBuiltinsTheHostLacks_FailsNamingThem()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition("needs-more"),
            OpaTestModules.Annotated("gatekeeper", OpaTestModules.Constant, builtins: """{"sprintf":0,"opa.runtime":1,"net.cidr_merge":2}""")));

        Assert.Equal("policy `needs-more`: Missing Rego builtins: net.cidr_merge, opa.runtime", error.Message);
    }

    [Fact]
    public void Load_WapcModuleInOpaMode_FailsSayingItIsNotAnOpaModule()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(
            Harness.Definition() with { ExecutionMode = ExecutionMode.Opa }, TestPolicies.Load("accept")));

        Assert.Contains("the module is not an OPA Wasm module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_StopsTheEvaluationWithTheModulesMessage()
    {
        using var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider));
        var evaluator = Load("gatekeeper", OpaTestModules.Abort, loggerFactory: loggerFactory);

        AssertInternalError(evaluator.Validate(Harness.Request()), "wasm engine error: error invoking eval function: Rego wasm error: opa_abort: the module says hello");
        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("the module says hello", StringComparison.Ordinal));
    }

    [Fact]
    public void Println_IsLoggedAndTheEvaluationGoesOn()
    {
        using var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider));
        var evaluator = Load("opa", OpaTestModules.PrintThenEchoData, settings: """{"response":{"uid":"u","allowed":true}}""", loggerFactory: loggerFactory);

        Assert.True(evaluator.Validate(Harness.Request()).Response.Allowed);
        Assert.Contains(provider.Entries, e => e is { Level: LogLevel.Information, Message: "Policy `test-policy` printed: the module says hello" });
    }

    [Theory]
    [InlineData("opa")]
    [InlineData("gatekeeper")]
    public void EndlessLoop_IsInterruptedAtTheDeadline(string mode)
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition() with { Timeout = ShortTimeout }, OpaTestModules.Annotated(mode, OpaTestModules.EndlessLoop));

        var verdict = evaluator.Validate(Harness.Request());

        AssertInternalError(verdict, "guest code interrupted, execution deadline exceeded");
        Assert.Equal(EvaluationFailure.Timeout, verdict.Failure);
        Assert.False(evaluator.Validate(Harness.Request()).Response.Allowed);
    }

    [Fact]
    public void Evaluate_EntrypointTheModuleDoesNotHave_FailsNamingItsEntrypoints()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        using var guest = loader.LoadOpaModule(OpaTestModules.Bare(OpaTestModules.EchoData));

        var evaluation = guest.Evaluate(3, "{}"u8, "{}"u8, AmpleTimeout, "test");

        Assert.Equal("""Rego wasm error: Cannot find the specified entrypoint 3 inside of {"main":0}""", evaluation.Error);
        Assert.Equal(new Dictionary<string, int> { ["main"] = 0 }, guest.Entrypoints);
    }

    [Fact]
    public void Evaluate_EachEvaluation_StartsFromAFreshHeap()
    {
        var evaluator = Load("opa", OpaTestModules.EchoData, settings: """{"response":{"uid":"u","allowed":true}}""");

        var first = evaluator.Validate(Harness.Request());
        var second = evaluator.Validate(Harness.Request());

        Assert.Equal(first.PolicyOutput.ToArray(), second.PolicyOutput.ToArray());
        Assert.True(second.Response.Allowed);
    }

    private static void AssertInternalError(PolicyVerdict verdict, string error)
    {
        Assert.False(verdict.Response.Allowed);
        Assert.Equal($"internal server error: {error}", verdict.Response.Status?.Message);
        Assert.Equal(500, verdict.Response.Status?.Code);
    }

    private PolicyEvaluator Load(string mode, string eval, string settings = "{}", string builtins = "{}", string constant = "null", ILoggerFactory? loggerFactory = null)
    {
        var loader = Harness.CreateLoader(fixture.Engine, loggerFactory: loggerFactory);
        _loaders.Add(loader);
        using var settingsDocument = JsonDocument.Parse(settings);
        return loader.Load(
            Harness.Definition() with { Settings = settingsDocument.RootElement.Clone() },
            OpaTestModules.Annotated(mode, eval, builtins, constant));
    }
}
