using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Reads YAML into a JSON value the way OPA's yaml.unmarshal does (go-yaml v3 behind OPA's YAML-to-JSON layer):
/// every document must parse but only the first is converted (none gives null); plain scalars resolve by the YAML 1.2
/// core schema (<c>yes</c> and <c>on</c> stay strings, timestamps stay strings); non-string keys are stringified;
/// duplicate keys keep the last value; <c>&lt;&lt;</c> merges mappings; aliases are expanded.
/// </summary>
internal sealed class YamlToJson
{
    // Deeper nesting is refused rather than risking the stack.
    private const int MaxDepth = 1000;

    // Aliases may expand into at most this many values in all (a guard against "billion laughs" documents).
    private const long MaxAliasExpansion = 1_000_000;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly IParser _parser;
    private readonly Dictionary<string, (JsonNode? Value, long Size)> _anchors = new(StringComparer.Ordinal);
    private long _aliasExpansion;

    private YamlToJson(IParser parser) => _parser = parser;

    /// <summary>Converts <paramref name="yaml"/>.</summary>
    /// <exception cref="FormatException">The YAML does not parse, or its first document has no JSON form.</exception>
    public static JsonNode? Convert(string yaml)
    {
        try
        {
            using var reader = new StringReader(yaml);
            return new YamlToJson(new Parser(reader)).FirstDocument();
        }
        catch (YamlException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private JsonNode? FirstDocument()
    {
        _parser.Consume<StreamStart>();
        JsonNode? first = null;
        for (var index = 0; !_parser.TryConsume<StreamEnd>(out _); index++)
        {
            _parser.Consume<DocumentStart>();
            if (index == 0)
            {
                first = Read(depth: 0).Value;
            }
            else
            {
                _parser.SkipThisAndNestedEvents();
            }

            _parser.Consume<DocumentEnd>();
            _anchors.Clear();
        }

        return first;
    }

    /// <summary>Reads the next node: its JSON value and how many values it holds (for the alias expansion guard).</summary>
    private (JsonNode? Value, long Size) Read(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"yaml: exceeded max depth of {MaxDepth}");
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            return Expand(alias);
        }

        var start = _parser.Current as NodeEvent ?? throw new FormatException("yaml: expected a node");
        var read = start switch
        {
            Scalar scalar => (Scalar(scalar), 1L),
            SequenceStart => Sequence(depth),
            MappingStart => Mapping(depth),
            _ => throw new FormatException($"yaml: unexpected {start.GetType().Name}"),
        };
        if (start is Scalar)
        {
            _parser.MoveNext();
        }

        if (!start.Anchor.IsEmpty)
        {
            _anchors[start.Anchor.Value] = read;
        }

        return read;
    }

    private (JsonNode? Value, long Size) Expand(AnchorAlias alias)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw new FormatException($"yaml: unknown anchor '{alias.Value.Value}' referenced");
        }

        _aliasExpansion += anchored.Size;
        if (_aliasExpansion > MaxAliasExpansion)
        {
            throw new FormatException("yaml: document contains excessive aliasing");
        }

        return (anchored.Value?.DeepClone(), anchored.Size);
    }

    private (JsonNode? Value, long Size) Sequence(int depth)
    {
        _parser.Consume<SequenceStart>();
        var items = new JsonArray();
        long size = 1;
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var (item, itemSize) = Read(depth + 1);
            items.Add(item);
            size += itemSize;
        }

        return (items, size);
    }

    /// <summary>
    /// A mapping: the last of duplicate keys wins (at the first one's place); <c>&lt;&lt;</c> merges the keys of a mapping,
    /// or of each mapping of a sequence, that the mapping itself and earlier merged mappings do not set.
    /// </summary>
    private (JsonNode? Value, long Size) Mapping(int depth)
    {
        _parser.Consume<MappingStart>();
        var mapping = new JsonObject();
        var merged = new List<JsonObject>();
        long size = 1;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var mergeKey = _parser.Current is Scalar { Value: "<<", Style: ScalarStyle.Plain } keyScalar && IsUntaggedOrMerge(keyScalar.Tag);
            var key = Key(depth);
            var (value, valueSize) = Read(depth + 1);
            size += valueSize;
            if (mergeKey)
            {
                merged.AddRange(MergeSources(value));
            }
            else
            {
                mapping[key] = value;
            }
        }

        foreach (var (key, value) in merged.SelectMany(source => source))
        {
            if (!mapping.ContainsKey(key))
            {
                mapping[key] = value?.DeepClone();
            }
        }

        return (mapping, size);
    }

    private static IEnumerable<JsonObject> MergeSources(JsonNode? value) => value switch
    {
        JsonObject source => [source],
        JsonArray sources when sources.All(source => source is JsonObject) => sources.Cast<JsonObject>(),
        _ => throw new FormatException("yaml: map merge requires map or sequence of maps as the value"),
    };

    /// <summary>A key as the string it becomes in JSON: numbers and booleans are written out, null and collections refused.</summary>
    private string Key(int depth)
    {
        if (_parser.Current is Scalar { Style: ScalarStyle.Plain } scalar && scalar.Tag.IsEmpty)
        {
            var resolved = YamlPlainScalar.Resolve(scalar.Value);
            if (resolved.Kind == YamlScalarKind.Float)
            {
                Read(depth + 1);
                return FloatKey(resolved.Float);
            }
        }

        return Read(depth + 1).Value switch
        {
            null => throw new FormatException("yaml: unsupported map key of type: <nil>"),
            JsonArray or JsonObject => throw new FormatException("yaml: invalid map key"),
            var key when key.GetValueKind() == JsonValueKind.String => key.GetValue<string>(),
            var key => key.ToJsonString(),
        };
    }

    // OPA names a float key as go-yaml writes a float32.
    private static string FloatKey(double value) => GoFloatFormat.G((float)value) switch
    {
        "+Inf" => ".inf",
        "-Inf" => "-.inf",
        "NaN" => ".nan",
        var text => text,
    };

    private static bool IsUntaggedOrMerge(TagName tag) => tag.IsEmpty || tag.IsNonSpecific || tag.Value == CoreTagPrefix + "merge";

    private static JsonNode? Scalar(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific)
        {
            return scalar.Style == ScalarStyle.Plain && !scalar.Tag.IsNonSpecific ? Plain(scalar.Value) : scalar.Value;
        }

        return scalar.Tag.Value switch
        {
            CoreTagPrefix + "null" or CoreTagPrefix + "bool" or CoreTagPrefix + "int" or CoreTagPrefix + "float" => Tagged(scalar),
            CoreTagPrefix + "binary" => Binary(scalar.Value),
            _ => scalar.Value,
        };
    }

    private static JsonNode? Plain(string text)
    {
        var resolved = YamlPlainScalar.Resolve(text);
        return resolved.Kind switch
        {
            YamlScalarKind.Null => null,
            YamlScalarKind.Boolean => YamlPlainScalar.BooleanValue(text),
            YamlScalarKind.Integer => Number(resolved.Integer.ToString(CultureInfo.InvariantCulture)),
            YamlScalarKind.Float => Float(resolved.Float),
            _ => text,
        };
    }

    /// <summary>A scalar with an explicit core tag must resolve to that type (an integer may be read as a float).</summary>
    private static JsonNode? Tagged(Scalar scalar)
    {
        var type = scalar.Tag.Value[CoreTagPrefix.Length..];
        var resolved = YamlPlainScalar.Resolve(scalar.Value);
        var expected = type switch
        {
            "null" => YamlScalarKind.Null,
            "bool" => YamlScalarKind.Boolean,
            "int" => YamlScalarKind.Integer,
            _ => YamlScalarKind.Float,
        };
        if (expected == YamlScalarKind.Float && resolved.Kind == YamlScalarKind.Integer)
        {
            return Float((double)resolved.Integer);
        }

        return resolved.Kind == expected
            ? Plain(scalar.Value)
            : throw new FormatException($"yaml: cannot decode `{scalar.Value}` as a !!{type}");
    }

    private static JsonNode Binary(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(System.Convert.FromBase64String(base64));
        }
        catch (FormatException e)
        {
            throw new FormatException($"yaml: !!binary value contains invalid base64 data: {e.Message}", e);
        }
    }

    /// <summary>A float as encoding/json writes it; JSON has no infinity or NaN, so those fail as in OPA.</summary>
    private static JsonNode Float(double value) => double.IsFinite(value)
        ? Number(GoFloatFormat.Json(value))
        : throw new FormatException($"json: unsupported value: {GoFloatFormat.G(value)}");

    private static JsonNode Number(string json) => JsonNode.Parse(json)!;
}
