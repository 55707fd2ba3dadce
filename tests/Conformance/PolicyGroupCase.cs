using System.Text;
using System.Text.Json;
using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Policies;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Conformance.Tests;

/// <summary>
/// Runs the corpus <c>policy_group*</c> cases through the policy-server's group evaluator: a <c>policies.yml</c> with one
/// group whose members are the case's modules (unannotated ones annotated first, as kwctl would).
/// </summary>
internal static class PolicyGroupCase
{
    private const string GroupId = "group";
    private const string DefaultGroupMessage = "the group rejected the request";

    public static void Run(IWasmEngine engine, CorpusCase testCase)
    {
        var verdict = Evaluate(engine, testCase);
        var response = verdict.Response;
        var expect = testCase.Expect;
        Assert.Equal(expect.GetProperty("accepted").GetBoolean(), response.Allowed);
        if (expect.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(response.Status);
        }

        if (expect.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(response.Warnings);
        }

        if (testCase.ExpectString("group_message") is { } message)
        {
            Assert.Equal(message, response.Status?.Message);
        }

        if (expect.TryGetProperty("status_details_causes_contain", out var causes))
        {
            var actual = response.Status?.Details?.Causes ?? [];
            foreach (var cause in causes.EnumerateArray())
            {
                Assert.Contains(actual, c => c.Field == cause.GetProperty("field").GetString() && c.Message == cause.GetProperty("message").GetString());
            }
        }
    }

    public static string Observe(IWasmEngine engine, CorpusCase testCase) =>
        Encoding.UTF8.GetString(AdmissionReviewWriter.Write(Evaluate(engine, testCase).Response));

    /// <summary>Each variant's expression is valid exactly when the group loads.</summary>
    public static void RunValidateSettings(IWasmEngine engine, CorpusCase testCase)
    {
        var happy = testCase.PathOf(Path.GetFileName(testCase.Module));
        foreach (var variant in testCase.Case.GetProperty("variants").EnumerateArray())
        {
            var members = variant.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetString()!, _ => happy);
            var expression = variant.GetProperty("expression").GetString()!;
            var (valid, problem) = WithGroup(engine, testCase, expression, DefaultGroupMessage, members, entry => (entry is LoadedGroup, (entry as FailedEntry)?.Message));
            Assert.True(
                variant.GetProperty("valid").GetBoolean() == valid,
                $"`{expression}`: expected valid={variant.GetProperty("valid").GetBoolean()}, the group {(valid ? "loaded" : $"failed: {problem}")}");
        }
    }

    private static EntryVerdict Evaluate(IWasmEngine engine, CorpusCase testCase)
    {
        var members = testCase.Case.GetProperty("members").EnumerateObject().ToDictionary(m => m.Name, m => testCase.PathOf(m.Value.GetString()!));
        var request = AdmissionRequest.FromReviewOrRequest(File.ReadAllBytes(testCase.PathOf(testCase.Case.GetProperty("request").GetString()!)));
        return WithGroup(
            engine, testCase, testCase.Case.GetProperty("expression").GetString()!, testCase.ExpectString("group_message") ?? DefaultGroupMessage, members,
            entry => Assert.IsType<LoadedGroup>(entry, exactMatch: false).Evaluate(ValidationRequest.ForAdmission(request), postProcess: true, NullLogger.Instance));
    }

    /// <summary>Loads the group and hands it to <paramref name="use"/> while its modules are loaded.</summary>
    private static T WithGroup<T>(IWasmEngine engine, CorpusCase testCase, string expression, string message, Dictionary<string, string> members, Func<PolicyEntry, T> use)
    {
        var directory = Directory.CreateTempSubdirectory("kubewarden-group-case");
        try
        {
            var document = WritePolicies(testCase.Protocol, expression, message, members, directory.FullName);
            var dispatcher = new HostCapabilityDispatcher([], NullLogger<HostCapabilityDispatcher>.Instance);
            using var loader = new PolicyLoader(engine, dispatcher, new EvaluationOptions(), NullLoggerFactory.Instance, TimeProvider.System);
            var builder = new PolicyEnvironmentBuilder(loader, new FileModuleFetcher(), NullLogger<PolicyEnvironmentBuilder>.Instance);
            var environment = builder.BuildAsync(document, "1", null, CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(environment.TryGet(GroupId, out var entry));
            return use(entry);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A policies.yml with the group; its members are annotated copies of the case's modules.</summary>
    private static PoliciesDocument WritePolicies(string protocol, string expression, string message, Dictionary<string, string> members, string directory)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"{GroupId}:");
        yaml.AppendLine($"  expression: {JsonSerializer.Serialize(expression)}");
        yaml.AppendLine($"  message: {JsonSerializer.Serialize(message)}");
        yaml.AppendLine(members.Count == 0 ? "  policies: {}" : "  policies:");
        foreach (var (name, path) in members)
        {
            var copy = Path.Combine(directory, $"{name}.wasm");
            File.WriteAllBytes(copy, CorpusAnnotation.Annotate(File.ReadAllBytes(path), protocol));
            yaml.AppendLine($"    {name}:");
            yaml.AppendLine($"      module: file://{copy}");
        }

        var loaded = PoliciesFileLoader.Load(yaml.ToString(), "policies.yml");
        Assert.True(loaded.Success, loaded.FormatErrors());
        return loaded.Document!;
    }
}
