namespace Kubewarden.Policies;

/// <summary>How a scalar was resolved (YAML 1.2 core schema as serde_yaml applies it, or the JSON token type).</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,
}

/// <summary>A parsed YAML/JSON node with its 1-based position, independent of the parser used.</summary>
internal abstract class ConfigNode(int? line, int? column)
{
    public int? Line { get; } = line;

    public int? Column { get; } = column;
}

/// <summary>
/// A scalar. <see cref="Text"/> is the string value for strings and the source text otherwise;
/// <see cref="JsonLiteral"/> is the JSON token for null/bool/number scalars.
/// </summary>
internal sealed class ScalarNode(ScalarKind kind, string text, string? jsonLiteral, int? line, int? column) : ConfigNode(line, column)
{
    public ScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    public string? JsonLiteral { get; } = jsonLiteral;
}

internal sealed class SequenceNode(List<ConfigNode> items, int? line, int? column) : ConfigNode(line, column)
{
    public List<ConfigNode> Items { get; } = items;
}

internal sealed class MappingNode(List<KeyValuePair<ConfigNode, ConfigNode>> entries, int? line, int? column) : ConfigNode(line, column)
{
    public List<KeyValuePair<ConfigNode, ConfigNode>> Entries { get; } = entries;
}
