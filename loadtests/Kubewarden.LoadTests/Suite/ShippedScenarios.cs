using Kubewarden.Conformance.Tests;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Suite;

/// <summary>
/// The standard suite's policies and scenarios (<c>loadtests/scenarios/</c>): the repository's own always, the shared
/// corpus's when <c>../shared/corpus</c> holds their modules. <see cref="Prepare"/> writes the policies.yml to serve.
/// </summary>
internal sealed record ShippedScenarios(
    string PoliciesFile,
    IReadOnlyList<Scenario> Scenarios,
    string Headline,
    string PolicySource,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SkippedScenario> Skipped)
{
    /// <summary>The namespace the server always accepts (<c>--always-accept-admission-reviews-on-namespace</c>).</summary>
    public const string ExemptNamespace = "kw-load-exempt";

    private const string CorpusHeadline = "safe-labels-tinygo";
    private const string ExamplesHeadline = "no-privileged-pods";
    private const string GatekeeperModule = "gatekeeper-always-happy/gatekeeper_always_happy_policy.wasm";

    private static readonly string[] s_corpusModules =
    [
        "safe-labels-tinygo-wapc/annotated-policy.wasm", "js-demo-policy-javy-wasi/annotated-policy.wasm", GatekeeperModule,
    ];

    public Scenario HeadlineScenario => Scenarios.Single(s => s.Name == Headline);

    /// <summary>Renders the policies.yml (and annotated module copies) into <paramref name="workDirectory"/>.</summary>
    public static ShippedScenarios Prepare(string repositoryRoot, string workDirectory)
    {
        var folder = Path.Combine(repositoryRoot, "loadtests", "scenarios");
        var examples = Path.Combine(repositoryRoot, "examples");
        var corpus = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "corpus"));
        var policies = Render(folder, "policies.yml", ("@EXAMPLES@", examples));
        var scenarios = ScenarioLoader.Load(Path.Combine(folder, "scenarios.yml")).ToList();
        var policiesFile = Path.Combine(workDirectory, "policies.yml");
        if (!s_corpusModules.All(module => File.Exists(Path.Combine(corpus, module))))
        {
            File.WriteAllText(policiesFile, policies);
            SkippedScenario[] withoutCorpus =
            [
                new("safe-labels-tinygo (TinyGo waPC)", $"no corpus at {corpus}; {ExamplesHeadline} (examples/) is the headline policy instead"),
                new("js-demo-wasi (WASI)", $"no corpus at {corpus}"),
                new("gatekeeper-always-happy (Gatekeeper)", $"no corpus at {corpus}"),
            ];
            return new(policiesFile, scenarios, ExamplesHeadline, "examples/policies/no-privileged-pods.wasm (no corpus found)", [], withoutCorpus);
        }

        var annotated = Directory.CreateDirectory(Path.Combine(workDirectory, "annotated")).FullName;
        var gatekeeper = File.ReadAllBytes(Path.Combine(corpus, GatekeeperModule));
        File.WriteAllBytes(Path.Combine(annotated, Path.GetFileName(GatekeeperModule)), CorpusAnnotation.Annotate(gatekeeper, "gatekeeper"));
        File.WriteAllText(policiesFile, policies + Environment.NewLine + Render(folder, "corpus-policies.yml", ("@CORPUS@", corpus), ("@ANNOTATED@", annotated)));
        scenarios.AddRange(ScenarioLoader.Load(Path.Combine(folder, "corpus-scenarios.yml")));
        string[] notes =
        [
            $"{GatekeeperModule} has no Kubewarden metadata; the suite served a copy annotated at start by tests/Conformance/CorpusAnnotation.cs (kwctl's metadata for the gatekeeper execution mode).",
        ];
        return new(policiesFile, scenarios, CorpusHeadline, $"shared corpus at {corpus}: safe-labels v0.1.14 (TinyGo 0.28.1, waPC), annotated-policy.wasm", notes, []);
    }

    private static string Render(string folder, string file, params (string Placeholder, string Value)[] replacements) =>
        replacements.Aggregate(File.ReadAllText(Path.Combine(folder, file)), (text, r) => text.Replace(r.Placeholder, r.Value, StringComparison.Ordinal));
}
