using System.Text;
using System.Text.Json;

namespace Kubewarden.Policies;

/// <summary>
/// Reads strict JSON into <see cref="ConfigNode"/>s with System.Text.Json, keeping number text
/// exactly as written, duplicate keys, and line/column positions.
/// </summary>
internal static class JsonConfigReader
{
    private static readonly JsonReaderOptions s_options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    /// <summary>Returns <see langword="false"/> when the content is not valid JSON (callers then try YAML).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out ConfigNode? root)
    {
        var lineStarts = LineStarts(content);
        var reader = new Utf8JsonReader(content, s_options);
        try
        {
            if (!reader.Read())
            {
                root = null;
                return false;
            }

            root = ReadValue(ref reader, lineStarts);
            if (reader.Read())
            {
                root = null;
                return false;
            }

            return true;
        }
        catch (JsonException)
        {
            root = null;
            return false;
        }
    }

    private static ConfigNode ReadValue(ref Utf8JsonReader reader, List<int> lineStarts)
    {
        var (line, column) = Position(lineStarts, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<ConfigNode, ConfigNode>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (keyLine, keyColumn) = Position(lineStarts, (int)reader.TokenStartIndex);
                    var key = new ScalarNode(ScalarKind.String, reader.GetString()!, null, keyLine, keyColumn);
                    reader.Read();
                    entries.Add(new KeyValuePair<ConfigNode, ConfigNode>(key, ReadValue(ref reader, lineStarts)));
                }

                return new MappingNode(entries, line, column);
            case JsonTokenType.StartArray:
                var items = new List<ConfigNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lineStarts));
                }

                return new SequenceNode(items, line, column);
            case JsonTokenType.String:
                return new ScalarNode(ScalarKind.String, reader.GetString()!, null, line, column);
            case JsonTokenType.Number:
                var number = Encoding.UTF8.GetString(reader.ValueSpan);
                var isInteger = number.AsSpan().IndexOfAny(".eE") < 0;
                return new ScalarNode(isInteger ? ScalarKind.Integer : ScalarKind.Float, number, number, line, column);
            case JsonTokenType.True:
                return new ScalarNode(ScalarKind.Bool, "true", "true", line, column);
            case JsonTokenType.False:
                return new ScalarNode(ScalarKind.Bool, "false", "false", line, column);
            case JsonTokenType.Null:
                return new ScalarNode(ScalarKind.Null, "null", "null", line, column);
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> content)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - lineStarts[index] + 1);
    }
}
