using System.Text;
using Kubewarden.LoadTests.Scenarios;

namespace Kubewarden.LoadTests.Tests;

public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kw-load-scenarios");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_yaml_file_gives_routes_headers_weights_and_bodies_from_files_next_to_it()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "pod.json"), """{"request":{"uid":"{{uid}}"}}""");
        var path = Write("""
            scenarios:
              - name: privileged
                target: https://127.0.0.1:3000
                policy: pod-privileged
                headers:
                  X-Test: yes
                requests:
                  - file: pod.json
                    weight: 3
                  - body: '{"request":{"n":{{n}}}}'
              - name: raw
                target: http://localhost:3000/
                path: /validate_raw/echo
                requests:
                  - body: '{}'
            """);

        var scenarios = ScenarioLoader.Load(path);

        Assert.Equal(["privileged", "raw"], scenarios.Select(s => s.Name));
        Assert.Equal("https://127.0.0.1:3000/validate/pod-privileged", scenarios[0].Endpoint.ToString());
        Assert.Equal("yes", scenarios[0].Headers["X-Test"]);
        Assert.Equal(2, scenarios[0].Requests.Count);
        Assert.Equal("""{"request":{"n":7}}""", Encoding.UTF8.GetString(
            scenarios[0].Requests.Pick(new FixedRandom(3)).Render(7, Random.Shared)));
        Assert.Equal("http://localhost:3000/validate_raw/echo", scenarios[1].Endpoint.ToString());
    }

    [Fact]
    public void A_json_file_is_read_too()
    {
        var path = Write("""{"scenarios":[{"name":"j","target":"http://127.0.0.1:1","policy":"p","requests":[{"body":"{}"}]}]}""");

        Assert.Equal("j", Assert.Single(ScenarioLoader.Load(path)).Name);
    }

    [Theory]
    [InlineData("scenarios: []", "no scenarios")]
    [InlineData("scenarios:\n  - target: http://a\n    policy: p\n    requests: [{body: '{}'}]", "scenario #1: 'name' is required")]
    [InlineData("scenarios:\n  - name: s\n    target: ftp://a\n    policy: p\n    requests: [{body: '{}'}]", "scenario #1 ('s'): 'target' must be an http")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    requests: [{body: '{}'}]", "('s'): set exactly one of 'policy'")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    path: /audit/p\n    requests: [{body: '{}'}]", "('s'): set exactly one of 'policy'")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    path: audit/p\n    requests: [{body: '{}'}]", "'path' must start with '/'")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: []", "('s'): 'requests' must list")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{body: '{}', weight: 0}]", "request #1: 'weight' must be 1 or more")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{body: '{}', file: a.json}]", "request #1: set exactly one of 'body'")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{file: missing.json}]", "request #1: 'file' missing.json not found")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{body: '{{nope}}'}]", "request #1: body: unknown placeholder")]
    [InlineData("scenarios:\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{body: '{}'}]\n  - name: s\n    target: http://a\n    policy: p\n    requests: [{body: '{}'}]", "'s' is used twice")]
    [InlineData("scenarios:\n  - name: s\n    tagret: http://a", "line 3")]
    public void Bad_files_are_rejected_naming_the_scenario_and_field(string yaml, string expected)
    {
        var path = Write(yaml);

        var error = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<ScenarioFileException>(() => ScenarioLoader.Load("/nonexistent/load.yaml"));

        Assert.Contains("/nonexistent/load.yaml", error.Message, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory.FullName, "load.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private sealed class FixedRandom(int value) : Random
    {
        public override int Next(int maxValue) => value;
    }
}
