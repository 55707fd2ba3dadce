using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubewarden.Policies;

/// <summary>Reads a single YAML document into <see cref="ConfigNode"/>s, keeping positions and duplicate keys.</summary>
internal static partial class YamlConfigReader
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const int MaxDepth = 256;

    /// <summary>
    /// Returns the root node (<see langword="null"/> for an empty stream), or adds one error and
    /// returns <see langword="null"/>.
    /// </summary>
    public static ConfigNode? Read(string text, List<PoliciesLoadError> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                errors.Add(new PoliciesLoadError(
                    $"invalid YAML at line {next.Start.Line}, column {next.Start.Column}: the policies file must contain a single YAML document",
                    (int)next.Start.Line,
                    (int)next.Start.Column));
                return null;
            }

            parser.Consume<StreamEnd>();
            return root;
        }
        catch (YamlException exception)
        {
            var line = (int)exception.Start.Line;
            var column = (int)exception.Start.Column;
            var message = LocationPrefix().Replace(exception.Message, string.Empty);
            errors.Add(new PoliciesLoadError($"invalid YAML at line {line}, column {column}: {message}", line, column));
            return null;
        }
    }

    private static ConfigNode ReadNode(IParser parser, Dictionary<string, ConfigNode> anchors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YamlException(parser.Current!.Start, parser.Current.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"unknown anchor `{alias.Value.Value}`");
        }

        ConfigNode node;
        NodeEvent nodeEvent;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            nodeEvent = scalar;
            node = ToScalar(scalar);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            nodeEvent = sequenceStart;
            var items = new List<ConfigNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, depth + 1));
            }

            node = new SequenceNode(items, (int)sequenceStart.Start.Line, (int)sequenceStart.Start.Column);
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            nodeEvent = mappingStart;
            var entries = new List<KeyValuePair<ConfigNode, ConfigNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, depth + 1);
                var value = ReadNode(parser, anchors, depth + 1);
                entries.Add(new KeyValuePair<ConfigNode, ConfigNode>(key, value));
            }

            node = new MappingNode(entries, (int)mappingStart.Start.Line, (int)mappingStart.Start.Column);
        }

        if (!nodeEvent.Anchor.IsEmpty)
        {
            anchors[nodeEvent.Anchor.Value] = node;
        }

        return node;
    }

    private static ScalarNode ToScalar(Scalar scalar)
    {
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;
        var isString = scalar.Style != ScalarStyle.Plain
            || scalar.Tag.IsNonSpecific
            || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StrTag);
        return isString
            ? new ScalarNode(ScalarKind.String, scalar.Value, null, line, column)
            : YamlScalarResolver.Resolve(scalar.Value, line, column);
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex LocationPrefix();
}
