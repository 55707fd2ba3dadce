using YamlDotNet.RepresentationModel;

namespace Kubewarden.Dapr.LocalSidecar.Components;

/// <summary>
/// Reads the state store names declared in a Dapr components folder (<c>kind: Component</c> with a
/// <c>spec.type</c> of <c>state.*</c>): the local sidecar serves exactly those, as daprd would.
/// </summary>
public static class DaprComponentFiles
{
    /// <summary>The state store names declared in the YAML files of <paramref name="directory"/>, sorted.</summary>
    /// <exception cref="InvalidOperationException">The folder is missing or a file is not valid YAML; the message names it.</exception>
    public static IReadOnlyList<string> StateStores(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"the Dapr components folder {directory} does not exist");
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)))
        {
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(file);
                stream.Load(reader);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new InvalidOperationException($"the Dapr component file {file} is not valid YAML: {e.Message}", e);
            }

            foreach (var document in stream.Documents)
            {
                if (StateStoreName(document.RootNode) is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return [.. names];
    }

    /// <summary>
    /// The repository's <c>components/</c> folder: next to <c>Kubewarden.sln</c>, searched upwards from
    /// <paramref name="start"/>; null when there is none.
    /// </summary>
    public static string? FindRepositoryFolder(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var components = Path.Combine(directory.FullName, "components");
            if (File.Exists(Path.Combine(directory.FullName, "Kubewarden.sln")) && Directory.Exists(components))
            {
                return components;
            }
        }

        return null;
    }

    private static string? StateStoreName(YamlNode root) =>
        root is YamlMappingNode component
        && Scalar(component, "kind") == "Component"
        && component.Children.TryGetValue(new YamlScalarNode("spec"), out var spec) && spec is YamlMappingNode specMap
        && Scalar(specMap, "type") is { } type && type.StartsWith("state.", StringComparison.Ordinal)
        && component.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadata) && metadata is YamlMappingNode metadataMap
            ? Scalar(metadataMap, "name")
            : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
