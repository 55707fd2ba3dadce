using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// Reads a kwctl session file: a YAML list of
/// <c>{type: Exchange, request: &lt;YAML text&gt;, response: {type: Success, payload} | {type: Error, message}}</c>.
/// </summary>
internal static class ReplaySessionReader
{
    private const string ExpectedExchange =
        "an exchange {type: Exchange, request: <recorded request>, response: {type: Success, payload: <text>} | {type: Error, message: <text>}}";

    /// <exception cref="ReplaySessionException">The file cannot be read or is not a session; the message names the file, the entry and what was expected.</exception>
    public static IReadOnlyList<RecordedExchange> Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ReplaySessionException($"cannot read the replay session {path}: {e.Message}", e);
        }
        catch (YamlException e)
        {
            throw new ReplaySessionException($"the replay session {path} is not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlSequenceNode entries)
        {
            throw new ReplaySessionException($"the replay session {path} is not a YAML list; expected a list of {ExpectedExchange}");
        }

        var exchanges = new List<RecordedExchange>(entries.Children.Count);
        for (var index = 0; index < entries.Children.Count; index++)
        {
            var entry = entries.Children[index];
            try
            {
                exchanges.Add(Exchange(index, entry));
            }
            catch (InvalidDataException e)
            {
                throw new ReplaySessionException(
                    $"the replay session {path}, entry {index} (line {entry.Start.Line}): {e.Message}", e);
            }
        }

        return exchanges;
    }

    private static RecordedExchange Exchange(int index, YamlNode entry)
    {
        if (entry is not YamlMappingNode mapping)
        {
            throw new InvalidDataException($"expected {ExpectedExchange}");
        }

        var fields = Fields(mapping, ["type", "request", "response"]);
        if (fields.TryGetValue("type", out var type) && Text(type) != "Exchange")
        {
            throw new InvalidDataException($"`type` is `{Text(type)}`; expected {ExpectedExchange}");
        }

        var request = RecordedRequestReader.Read(Required(fields, "request", ExpectedExchange));
        if (!fields.TryGetValue("response", out var responseNode) || responseNode is not YamlMappingNode response)
        {
            throw new InvalidDataException($"no `response` mapping; expected {ExpectedExchange}");
        }

        var answer = Fields(response, ["type", "payload", "message"]);
        const string ExpectedResponse = "a response {type: Success, payload: <text>} or {type: Error, message: <text>}";
        return (answer.TryGetValue("type", out var kind) ? Text(kind) : null) switch
        {
            "Success" => new RecordedExchange(index, request, Required(answer, "payload", ExpectedResponse), null),
            "Error" => new RecordedExchange(index, request, null, Required(answer, "message", ExpectedResponse)),
            var other => throw new InvalidDataException($"the response type is {(other is null ? "missing" : $"`{other}`")}; expected {ExpectedResponse}"),
        };
    }

    private static Dictionary<string, YamlNode> Fields(YamlMappingNode mapping, string[] known)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = Text(key);
            if (name is null || !known.Contains(name))
            {
                throw new InvalidDataException($"unknown key `{name ?? key.ToString()}`; expected only {string.Join(", ", known)}");
            }

            fields[name] = value;
        }

        return fields;
    }

    private static string Required(Dictionary<string, YamlNode> fields, string name, string expected) =>
        fields.TryGetValue(name, out var node) && Text(node) is { } text
            ? text
            : throw new InvalidDataException($"`{name}` is missing or not a text; expected {expected}");

    private static string? Text(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : null;
}
