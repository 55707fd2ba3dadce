using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// Reads a recorded request: the YAML kwctl's serde_yaml wrote for a <c>CallbackRequestType</c>, the variant as a
/// tag (<c>!OciManifestDigest\nimage: busybox</c>) or, as older kwctl releases wrote it, as the single key of a
/// mapping (<c>OciManifestDigest:\n  image: busybox</c>).
/// </summary>
internal static class RecordedRequestReader
{
    private const string Example = "a tagged mapping such as \"!OciManifestDigest\\nimage: docker.io/library/busybox:1.36\"";

    /// <exception cref="InvalidDataException">The text is not a request of a known kind; the message says why.</exception>
    public static CapabilityRequest Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"the request is not YAML ({e.Message}); expected {Example}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"the request is empty; expected {Example}");
        }

        var (name, fields) = Variant(stream.Documents[0].RootNode);
        if (!RequestKinds.ByName.TryGetValue(name, out var kind))
        {
            throw new InvalidDataException(
                $"unknown request kind `{name}`; expected one of {string.Join(", ", RequestKinds.ByName.Keys.Order(StringComparer.Ordinal))}");
        }

        var values = new MappingValue(fields.Children.ToDictionary(
            child => child.Key is YamlScalarNode { Value: { } key } ? key : throw new InvalidDataException($"{name}: a field name must be a plain text"),
            child => ReplayValueReader.FromYaml(child.Value),
            StringComparer.Ordinal));
        if (kind.Problem(values, unknownAllowed: false) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        return kind.Request(values);
    }

    private static (string Name, YamlMappingNode Fields) Variant(YamlNode root)
    {
        if (!root.Tag.IsEmpty && root.Tag.IsLocal)
        {
            return root is YamlMappingNode tagged
                ? (root.Tag.Value[1..], tagged)
                : throw new InvalidDataException($"the request {root.Tag.Value} has no fields; expected {Example}");
        }

        if (root is YamlMappingNode { Children.Count: 1 } outer
            && outer.Children.Single() is { Key: YamlScalarNode { Value: { } name }, Value: YamlMappingNode fields })
        {
            return (name, fields);
        }

        throw new InvalidDataException($"the request names no kind; expected {Example}");
    }
}
