namespace Kubewarden.LoadTests.Scenarios;

/// <summary>One validated load scenario: where to send, what to send and in which proportions.</summary>
internal sealed record Scenario(
    string Name,
    Uri Target,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    RequestMix Requests)
{
    public Uri Endpoint => new(Target, Path);
}
