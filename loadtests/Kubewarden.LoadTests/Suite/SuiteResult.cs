using Kubewarden.LoadTests.Soak;

namespace Kubewarden.LoadTests.Suite;

/// <summary>Everything one <c>kw-load suite</c> run measured, with what it needs to be read later.</summary>
internal sealed record SuiteResult(
    DateTimeOffset Started,
    string Machine,
    int Cores,
    SuiteSettings Settings,
    string PolicySource,
    string Headline,
    ScenarioMeasurement Baseline,
    IReadOnlyList<ScenarioMeasurement> Measurements,
    SoakResult? Soak,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SkippedScenario> Skipped);
