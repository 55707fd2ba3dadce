using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kubewarden.LoadTests.Scenarios;

/// <summary>Reads a YAML or JSON scenario file and validates every scenario in it.</summary>
internal static class ScenarioLoader
{
    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static IReadOnlyList<Scenario> Load(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ScenarioFileException($"Scenario file '{path}' does not exist.");
        }

        var directory = System.IO.Path.GetDirectoryName(fullPath)!;
        return Parse(File.ReadAllText(fullPath), path, directory);
    }

    public static IReadOnlyList<Scenario> Parse(string text, string fileName, string directory)
    {
        ScenarioDocument? document;
        try
        {
            document = s_deserializer.Deserialize<ScenarioDocument?>(text);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ScenarioFileException($"{fileName}: line {e.Start.Line}, column {e.Start.Column}: {reason}", e);
        }

        if (document?.Scenarios is not { Count: > 0 } specs)
        {
            throw new ScenarioFileException($"{fileName}: no scenarios (expected a 'scenarios:' list).");
        }

        var scenarios = new List<Scenario>();
        for (var i = 0; i < specs.Count; i++)
        {
            var scenario = ToScenario(specs[i], $"{fileName}: scenario #{i + 1}", directory);
            if (scenarios.Any(s => s.Name == scenario.Name))
            {
                throw new ScenarioFileException($"{fileName}: scenario name '{scenario.Name}' is used twice.");
            }

            scenarios.Add(scenario);
        }

        return scenarios;
    }

    private static Scenario ToScenario(ScenarioSpec spec, string where, string directory)
    {
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            throw new ScenarioFileException($"{where}: 'name' is required.");
        }

        where = $"{where} ('{spec.Name}')";
        if (!Uri.TryCreate(spec.Target, UriKind.Absolute, out var target) ||
            (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            throw new ScenarioFileException(
                $"{where}: 'target' must be an http:// or https:// base URL, got '{spec.Target}'.");
        }

        if (spec.Requests is not { Count: > 0 } requests)
        {
            throw new ScenarioFileException($"{where}: 'requests' must list at least one request.");
        }

        var templates = requests.Select((r, i) => ToTemplate(r, $"{where}: request #{i + 1}", directory)).ToList();
        var headers = spec.Headers ?? [];
        return new Scenario(spec.Name, target, RoutePath(spec, where), headers, new RequestMix(templates));
    }

    private static string RoutePath(ScenarioSpec spec, string where)
    {
        var hasPolicy = !string.IsNullOrWhiteSpace(spec.Policy);
        var hasPath = !string.IsNullOrWhiteSpace(spec.Path);
        if (hasPolicy == hasPath)
        {
            throw new ScenarioFileException(
                $"{where}: set exactly one of 'policy' (sent to /validate/<policy>) or 'path' (e.g. /audit/<policy>).");
        }

        if (hasPolicy)
        {
            return "/validate/" + Uri.EscapeDataString(spec.Policy!);
        }

        return spec.Path!.StartsWith('/')
            ? spec.Path
            : throw new ScenarioFileException($"{where}: 'path' must start with '/', got '{spec.Path}'.");
    }

    private static WeightedTemplate ToTemplate(RequestSpec spec, string where, string directory)
    {
        var weight = spec.Weight ?? 1;
        if (weight < 1)
        {
            throw new ScenarioFileException($"{where}: 'weight' must be 1 or more, got {weight}.");
        }

        if ((spec.Body is null) == (spec.File is null))
        {
            throw new ScenarioFileException($"{where}: set exactly one of 'body' (inline JSON) or 'file'.");
        }

        var (name, text) = spec.Body is not null ? ("body", spec.Body) : (spec.File!, ReadBodyFile(spec.File!, where, directory));
        try
        {
            return new WeightedTemplate(BodyTemplate.Parse(name, text), weight);
        }
        catch (FormatException e)
        {
            throw new ScenarioFileException($"{where}: {e.Message}", e);
        }
    }

    private static string ReadBodyFile(string file, string where, string directory)
    {
        var path = System.IO.Path.Combine(directory, file);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new ScenarioFileException($"{where}: 'file' {file} not found (looked for {path}).");
    }
}
