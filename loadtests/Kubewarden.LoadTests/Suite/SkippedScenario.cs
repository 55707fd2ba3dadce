namespace Kubewarden.LoadTests.Suite;

/// <summary>A scenario the standard suite would run but could not, and why.</summary>
internal sealed record SkippedScenario(string Scenario, string Reason);
