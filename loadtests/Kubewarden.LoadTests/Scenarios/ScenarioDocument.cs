namespace Kubewarden.LoadTests.Scenarios;

// The shape of a scenario file as written by the user; ScenarioLoader validates it into Scenario records.
internal sealed class ScenarioDocument
{
    public List<ScenarioSpec>? Scenarios { get; set; }
}

internal sealed class ScenarioSpec
{
    public string? Name { get; set; }

    public string? Target { get; set; }

    public string? Policy { get; set; }

    public string? Path { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public List<RequestSpec>? Requests { get; set; }
}

internal sealed class RequestSpec
{
    public string? Body { get; set; }

    public string? File { get; set; }

    public int? Weight { get; set; }
}
