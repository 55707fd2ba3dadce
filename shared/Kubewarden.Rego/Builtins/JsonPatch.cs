using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// RFC 6902 JSON Patch with OPA's reading of it: a path is a JSON pointer (leading slashes optional, <c>~1</c> and
/// <c>~0</c> unescaped, <c>""</c> the whole document) or an array of segments; <c>-</c> appends to an array; array
/// indexes are integers without leading zeros; <c>test</c> compares values as Rego does (1 equals 1.0).
/// </summary>
internal sealed class JsonPatch
{
    private static readonly HashSet<string> Operations = new(["add", "remove", "replace", "move", "copy", "test"], StringComparer.Ordinal);

    private JsonNode? _document;
    private bool _exists = true;

    /// <summary>Starts from a copy of <paramref name="document"/>.</summary>
    public JsonPatch(JsonNode? document) => _document = document?.DeepClone();

    /// <summary>Applies <paramref name="operations"/> in order and returns the result.</summary>
    /// <exception cref="FormatException">An operation is malformed or cannot apply; the message says which and why.</exception>
    public JsonNode? Apply(JsonArray operations)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            try
            {
                Apply(operations[i] as JsonObject ?? throw new FormatException("must be an array of JSON-Patch objects, but at least one element is not an object"));
            }
            catch (FormatException e)
            {
                throw new FormatException($"operation {i}: {e.Message}", e);
            }
        }

        return _exists ? _document : throw new FormatException("the patches removed the whole document");
    }

    private void Apply(JsonObject operation)
    {
        var op = Attribute(operation, "op") is JsonValue name && name.GetValueKind() == JsonValueKind.String
            ? name.GetValue<string>()
            : throw new FormatException("attribute 'op' must be a string");
        if (!Operations.Contains(op))
        {
            throw new FormatException($"unrecognized op '{op}'");
        }

        var path = Pointer(Attribute(operation, "path"));
        switch (op)
        {
            case "add":
                Insert(path, Attribute(operation, "value"));
                break;
            case "remove":
                Delete(path);
                break;
            case "replace":
                Delete(path);
                Insert(path, Attribute(operation, "value"));
                break;
            case "move":
                var from = Pointer(Attribute(operation, "from"));
                var moved = Find(from);
                Delete(from);
                Insert(path, moved);
                break;
            case "copy":
                Insert(path, Find(Pointer(Attribute(operation, "from"))));
                break;
            default:
                var expected = Attribute(operation, "value");
                var found = Find(path);
                if (!JsonNode.DeepEquals(found, expected))
                {
                    throw new FormatException($"test failed: the value at {Describe(path)} is {found?.ToJsonString() ?? "null"}, not {expected?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }

    private static JsonNode? Attribute(JsonObject operation, string name) =>
        operation.TryGetPropertyValue(name, out var value) ? value : throw new FormatException($"missing '{name}' attribute");

    /// <summary>A path: a JSON pointer string or an array of segments (strings, or integers for array indexes).</summary>
    private static JsonNode[] Pointer(JsonNode? path) => path switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>() is var pointer && pointer.Length == 0
            ? []
            : [.. pointer.TrimStart('/').Split('/').Select(s => (JsonNode)s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))],
        JsonArray segments => [.. segments.Select(s => s is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? value
            : throw new FormatException($"path segment {s?.ToJsonString() ?? "null"} is neither a string nor a number"))],
        _ => throw new FormatException($"path must be a string or an array of path segments but got {RegoArguments.TypeName(path)}"),
    };

    /// <summary>Puts a copy of <paramref name="original"/> at <paramref name="path"/>: an object member, or an array element before the index.</summary>
    private void Insert(JsonNode[] path, JsonNode? original)
    {
        var value = original?.DeepClone();
        if (path.Length == 0)
        {
            (_document, _exists) = (value, true);
            return;
        }

        switch (Find(path[..^1]))
        {
            case JsonObject parent:
                parent[Key(path[^1], path)] = value;
                break;
            case JsonArray parent:
                var index = Index(path[^1], parent.Count, path);
                parent.Insert(index >= 0 && index <= parent.Count ? index : throw new FormatException($"index for array insertion out of bounds at {Describe(path)}"), value);
                break;
            default:
                throw new FormatException($"cannot add to {Describe(path)}: its parent is not an object or an array");
        }
    }

    private void Delete(JsonNode[] path)
    {
        if (path.Length == 0)
        {
            _ = Find(path);
            (_document, _exists) = (null, false);
            return;
        }

        switch (Find(path[..^1]))
        {
            case JsonObject parent:
                if (!parent.Remove(Key(path[^1], path)))
                {
                    throw new FormatException($"cannot remove {Describe(path)}: it does not exist");
                }

                break;
            case JsonArray parent:
                var index = Index(path[^1], parent.Count, path);
                parent.RemoveAt(index >= 0 && index < parent.Count ? index : throw new FormatException($"index for array delete out of bounds at {Describe(path)}"));
                break;
            default:
                throw new FormatException($"cannot remove {Describe(path)}: its parent is not an object or an array");
        }
    }

    /// <summary>The value at <paramref name="path"/>, which must exist.</summary>
    private JsonNode? Find(JsonNode[] path)
    {
        if (!_exists)
        {
            throw new FormatException("the whole document was removed");
        }

        var node = _document;
        for (var i = 0; i < path.Length; i++)
        {
            var prefix = path[..(i + 1)];
            node = node switch
            {
                JsonObject parent when parent.TryGetPropertyValue(Key(path[i], prefix), out var child) => child,
                JsonArray parent when Index(path[i], parent.Count, prefix) is var index && index >= 0 && index < parent.Count => parent[index],
                JsonObject or JsonArray => throw new FormatException($"path {Describe(prefix)} does not exist"),
                _ => throw new FormatException($"path {Describe(prefix)} does not exist: {Describe(path[..i])} is not an object or an array"),
            };
        }

        return node;
    }

    private static string Key(JsonNode segment, JsonNode[] path) => segment.GetValueKind() == JsonValueKind.String
        ? segment.GetValue<string>()
        : throw new FormatException($"object key at {Describe(path)} must be a string");

    /// <summary>An array index: an integer, or a string holding one without leading zeros; <c>-</c> is the end of the array.</summary>
    private static int Index(JsonNode segment, int count, JsonNode[] path)
    {
        var text = segment.GetValueKind() == JsonValueKind.String ? segment.GetValue<string>() : segment.ToJsonString();
        if (text == "-")
        {
            return count;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"invalid array index '{text}' at {Describe(path)}");
        }

        return text != "0" && text.StartsWith('0')
            ? throw new FormatException($"leading zeros are not allowed in array index '{text}' at {Describe(path)}")
            : index;
    }

    private static string Describe(JsonNode[] path) =>
        path.Length == 0 ? "the document root" : string.Concat(path.Select(s => "/" + (s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : s.ToJsonString())));
}
