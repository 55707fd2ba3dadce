using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Rego;
using Kubewarden.Evaluation.Wapc;
using Kubewarden.HostCapabilities.Replay;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Conformance.Tests;

/// <summary>Runs one corpus case and asserts exactly what it states.</summary>
internal sealed class CaseRunner(IWasmEngine engine, CorpusCase testCase)
{
    // cases.json "engine": deadline of the waPC function call (2 epochs of 1 s).
    private static readonly TimeSpan GuestCallTimeout = TimeSpan.FromSeconds(2);

    private byte[] ModuleBytes => File.ReadAllBytes(testCase.PathOf(testCase.Module));

    /// <summary>The reason this case cannot run yet, or null.</summary>
    public static string? SkipReason(CorpusCase testCase) => testCase.Operation switch
    {
        "annotate" => "kwctl annotate is a CLI feature; the project has no CLI yet",
        _ => null,
    };

    public void Run()
    {
        switch (testCase.Operation)
        {
            case "read_custom_section":
                RunReadCustomSection();
                break;
            case "wapc_call":
                RunWapcCall();
                break;
            case "validate":
                RunValidate();
                break;
            case "validate_settings" or "validate-settings":
                RunValidateSettings();
                break;
            case "opa_eval":
                RunOpaEval();
                break;
            case "policy_group":
                PolicyGroupCase.Run(engine, testCase);
                break;
            case "policy_group_validate_settings":
                PolicyGroupCase.RunValidateSettings(engine, testCase);
                break;
            default:
                RunOtherOperation();
                break;
        }
    }

    private void RunReadCustomSection()
    {
        Assert.True(WasmModuleReader.TryGetCustomSection(ModuleBytes, testCase.Case.GetProperty("section").GetString()!, out var payload));
        using var section = JsonDocument.Parse(payload);
        foreach (var expected in testCase.Expect.EnumerateObject())
        {
            Assert.Equal(expected.Value.GetRawText(), section.RootElement.GetProperty(expected.Name).GetRawText());
        }
    }

    /// <summary>
    /// What the case produced, as one comparable text (answers, policy output, host calls): the engine differential
    /// check compares it between engines.
    /// </summary>
    public string Observe() => testCase.Operation switch
    {
        "read_custom_section" or "policy_group_validate_settings" => string.Empty,
        "opa_eval" => Encoding.UTF8.GetString(EvaluateOpa().ResultSet ?? []),
        "policy_group" => PolicyGroupCase.Observe(engine, testCase),
        "wapc_call" => Describe(CallWapc()),
        "validate" => Describe(Validate()),
        "validate_settings" or "validate-settings" => ValidateSettings() is var s ? $"valid={s.Valid} message={s.Message}" : string.Empty,
        _ => CallOther() is var r ? $"succeeded={r.Succeeded} output={Encoding.UTF8.GetString(r.Output.Span)} error={r.Error}" : string.Empty,
    };

    private static string Describe((WapcCallResult Result, IReadOnlyList<RecordedHostCall> Calls) call) =>
        $"{call.Result.Failure} response={Encoding.UTF8.GetString(call.Result.Response.Span)} error={call.Result.Error} calls={string.Join(";", call.Calls)}";

    private static string Describe((PolicyVerdict Verdict, IReadOnlyList<RecordedHostCall> Calls) validation) =>
        $"{Encoding.UTF8.GetString(AdmissionReviewWriter.Write(validation.Verdict.Response))} failure={validation.Verdict.Failure} " +
        $"output={Encoding.UTF8.GetString(validation.Verdict.PolicyOutput.Span)} calls={string.Join(";", validation.Calls)}";

    private (WapcCallResult Result, IReadOnlyList<RecordedHostCall> Calls) CallWapc()
    {
        using var loader = CreateLoader([]);
        using var guest = loader.LoadWapcGuest(ModuleBytes, testCase.Name);
        var hostCalls = new EmptyAnswerHostCalls();
        var payload = Encoding.UTF8.GetBytes(testCase.Case.GetProperty("payload").GetString()!);
        return (guest.Call(testCase.Case.GetProperty("function").GetString()!, payload, hostCalls, GuestCallTimeout, testCase.Name), hostCalls.Calls);
    }

    private void RunWapcCall()
    {
        var (result, calls) = CallWapc();
        if (testCase.Get("expect_response") is { } response)
        {
            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(response.GetString(), Encoding.UTF8.GetString(result.Response.Span));
        }

        if (testCase.Get("expect_error_contains") is { } error)
        {
            Assert.False(result.Succeeded);
            Assert.Contains(error.GetString()!, result.Error, StringComparison.Ordinal);
        }

        AssertHostCall(calls);
    }

    private void RunValidate()
    {
        var (verdict, calls) = Validate();
        AssertVerdict(verdict.Response.Allowed, verdict.Response.Status?.Message, verdict.Response.Status?.Code, verdict.Response.Warnings);
        if (testCase.ExpectString("output_contains") is { } fragment)
        {
            Assert.Contains(fragment, Encoding.UTF8.GetString(verdict.PolicyOutput.Span), StringComparison.Ordinal);
        }

        AssertStdout(verdict.PolicyOutput);
        AssertHostCall(calls);
        if (testCase.Get("expect_raw_opa_result") is { } rawResult)
        {
            AssertSameJson(rawResult.GetRawText(), verdict.PolicyOutput.Span);
        }
    }

    private OpaEvaluation EvaluateOpa()
    {
        using var loader = CreateLoader([]);
        using var guest = loader.LoadOpaModule(ModuleBytes);
        var entrypoint = guest.Entrypoints[testCase.Case.GetProperty("entrypoint").GetString()!];
        var input = testCase.Get("input_file") is { } file
            ? File.ReadAllBytes(testCase.PathOf(file.GetString()!))
            : Encoding.UTF8.GetBytes(testCase.Case.GetProperty("input").GetRawText());
        var data = Encoding.UTF8.GetBytes(testCase.Case.GetProperty("data").GetRawText());
        return guest.Evaluate(entrypoint, input, data, GuestCallTimeout, testCase.Name);
    }

    private void RunOpaEval()
    {
        foreach (var builtin in testCase.Get("requires_host_builtins")?.EnumerateArray() ?? default)
        {
            Assert.Contains(builtin.GetString()!, RegoBuiltins.All.Keys);
        }

        var evaluation = EvaluateOpa();
        Assert.True(evaluation.ResultSet is not null, evaluation.Error);
        AssertSameJson(testCase.Expect.GetProperty("result").GetRawText(), evaluation.ResultSet);
    }

    private static void AssertSameJson(string expected, ReadOnlySpan<byte> actual)
    {
        var actualText = Encoding.UTF8.GetString(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actualText)), $"expected {expected}, got {actualText}");
    }

    private (PolicyVerdict Verdict, IReadOnlyList<RecordedHostCall> Calls) Validate()
    {
        var calls = new List<RecordedHostCall>();
        using var loader = CreateLoader(testCase.Get("session") is { } path ? ReplayedCapabilities(testCase.PathOf(path.GetString()!), calls) : []);
        var evaluator = Load(loader);
        var request = testCase.Get("request") is { } fixture ? RequestFromFixture(fixture.GetString()!) : null;
        PolicyVerdict verdict;
        if (testCase.Get("raw_payload") is { } raw)
        {
            using var empty = JsonDocument.Parse("{}");
            verdict = evaluator.ValidatePayload(ValidationRequest.ForRaw(empty.RootElement), Encoding.UTF8.GetBytes(raw.GetString()!));
        }
        else if (testCase.Get("omit_settings_key") is { ValueKind: JsonValueKind.True })
        {
            verdict = evaluator.ValidatePayload(request!, Encoding.UTF8.GetBytes($"{{\"request\":{Encoding.UTF8.GetString(request!.RequestJson.Span)}}}"));
        }
        else
        {
            verdict = evaluator.Validate(request!);
        }

        return (verdict, calls);
    }

    /// <summary>The session's answers, as the policy-server's <c>--replay-host-capabilities-interactions</c> gives them, with the calls recorded.</summary>
    private static IEnumerable<IHostCapabilityHandler> ReplayedCapabilities(string sessionFile, List<RecordedHostCall> calls) =>
        new ReplayedHostCapabilities(ReplaySession.Load(sessionFile), NullLogger<ReplayedHostCapabilities>.Instance).Handlers
            .Select(handler => new RecordingHostCapability(handler, calls));

    /// <summary>
    /// A fixture is an AdmissionReview or an AdmissionRequest; some upstream fixtures are partial requests (only uid,
    /// kind and object), which the policy receives verbatim, as kwctl and the corpus's own host passed them.
    /// </summary>
    private ValidationRequest RequestFromFixture(string path)
    {
        var bytes = File.ReadAllBytes(testCase.PathOf(path));
        try
        {
            return ValidationRequest.ForAdmission(AdmissionRequest.FromReviewOrRequest(bytes));
        }
        catch (AdmissionRequestFormatException)
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return ValidationRequest.ForRaw((root.TryGetProperty("request", out var inner) ? inner : root).Clone());
        }
    }

    private SettingsVerdict ValidateSettings()
    {
        using var loader = CreateLoader([]);
        return Load(loader).ValidateSettings(SettingsBytes());
    }

    private GuestCallResult CallOther()
    {
        using var loader = CreateLoader([]);
        var payload = testCase.Get("payload") is { } p ? Encoding.UTF8.GetBytes(p.GetString()!) : SettingsBytes();
        return Load(loader).Call(testCase.Operation, payload);
    }

    private void RunValidateSettings()
    {
        var verdict = ValidateSettings();
        Assert.Equal(testCase.Expect.GetProperty("valid").GetBoolean(), verdict.Valid);
        if (testCase.ExpectString("message_contains") is { } fragment)
        {
            Assert.Contains(fragment, verdict.Message, StringComparison.Ordinal);
        }
    }

    private void RunOtherOperation()
    {
        var result = CallOther();
        if (testCase.ExpectString("raw_response") is { } response)
        {
            Assert.True(result.Succeeded, result.Error);
            Assert.Equal(response, Encoding.UTF8.GetString(result.Output.Span));
        }

        if (testCase.ExpectString("guest_error_equals") is { } guestError)
        {
            Assert.False(result.Succeeded);
            Assert.Equal($"Guest call failure: {guestError}", result.Error);
        }

        if (testCase.Expect.TryGetProperty("accepted", out _))
        {
            // A WASI policy answers any action with a ValidationResponse on stdout.
            using var answer = JsonDocument.Parse(result.Output);
            var message = answer.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
            AssertVerdict(answer.RootElement.GetProperty("accepted").GetBoolean(), message, null, null);
        }

        AssertStdout(result.Output);
    }

    private PolicyLoader CreateLoader(IEnumerable<IHostCapabilityHandler> handlers)
    {
        var dispatcher = new HostCapabilityDispatcher(
            [new TracingLogHandler(NullLoggerFactory.Instance), .. handlers], NullLogger<HostCapabilityDispatcher>.Instance);
        return new PolicyLoader(engine, dispatcher, new EvaluationOptions { DefaultTimeout = GuestCallTimeout }, NullLoggerFactory.Instance, TimeProvider.System);
    }

    private PolicyEvaluator Load(PolicyLoader loader)
    {
        var module = ModuleBytes;
        // Unannotated modules run with the mode the corpus states, as kwctl's --execution-mode.
        ExecutionMode? mode = WasmModuleReader.TryGetCustomSection(module, "io.kubewarden.metadata", out _) ? null : ModeOfProtocol();
        return loader.Load(
            new PolicyDefinition(testCase.Name)
            {
                Settings = testCase.Get("settings"),
                HostCapabilities = ["*"],
                ExecutionMode = mode,
            },
            module);
    }

    private ExecutionMode ModeOfProtocol() => testCase.Protocol switch
    {
        "kubewarden-wapc" => ExecutionMode.KubewardenWapc,
        "kubewarden-wasi" => ExecutionMode.Wasi,
        "opa" => ExecutionMode.Opa,
        "gatekeeper" => ExecutionMode.Gatekeeper,
        _ => throw new InvalidOperationException($"the corpus protocol `{testCase.Protocol}` is not an execution mode"),
    };

    private byte[] SettingsBytes() => testCase.Get("settings") is { ValueKind: not JsonValueKind.Null } settings
        ? Encoding.UTF8.GetBytes(settings.GetRawText())
        : "{}"u8.ToArray();

    private void AssertVerdict(bool allowed, string? message, int? code, IReadOnlyList<string>? warnings)
    {
        var expect = testCase.Expect;
        Assert.Equal(expect.GetProperty("accepted").GetBoolean(), allowed);
        if (testCase.ExpectString("message_contains") is { } fragment)
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        if (testCase.ExpectString("message_equals") is { } exact)
        {
            Assert.Equal(exact, message);
        }

        if (expect.TryGetProperty("code", out var expectedCode))
        {
            Assert.Equal(expectedCode.GetInt32(), code);
        }

        if (expect.TryGetProperty("warnings", out var expectedWarnings))
        {
            Assert.Equal(expectedWarnings.EnumerateArray().Select(w => w.GetString()!), warnings ?? []);
        }
    }

    private void AssertStdout(ReadOnlyMemory<byte> output)
    {
        if (testCase.Get("expect_stdout_exact") is { } stdout)
        {
            Assert.Equal(stdout.GetString(), Encoding.UTF8.GetString(output.Span));
        }
    }

    private void AssertHostCall(IReadOnlyList<RecordedHostCall> calls)
    {
        if (testCase.Get("expect_host_call") is { } expected)
        {
            var call = new RecordedHostCall(
                expected.GetProperty("binding").GetString()!,
                expected.GetProperty("namespace").GetString()!,
                expected.GetProperty("operation").GetString()!,
                expected.GetProperty("payload").GetString()!);
            Assert.Contains(call, calls);
        }
    }
}
