using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Writes a JSON value as YAML the way OPA's yaml.marshal does (go-yaml v3, indent 2): block style, mapping keys in
/// go-yaml's order, strings quoted only when a plain scalar would read back as something else, multi-line strings as
/// literal blocks, numbers in Go's shortest form.
/// </summary>
internal static partial class JsonToYaml
{
    // go-yaml (after libyaml) writes a longer key in the explicit "? key" form.
    private const int MaxSimpleKeyLength = 128;

    public static string Convert(JsonNode? value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, new EmitterSettings(
            bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: MaxSimpleKeyLength, indentSequences: true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, value);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(Emitter emitter, JsonNode? value)
    {
        switch (value)
        {
            case null:
                emitter.Emit(Scalar("null", ScalarStyle.Plain));
                break;
            case JsonObject mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var (key, item) in mapping.OrderBy(p => p.Key, GoYamlKeyOrder.Instance))
                {
                    emitter.Emit(String(key));
                    Emit(emitter, item);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in sequence)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                emitter.Emit(value.GetValueKind() switch
                {
                    JsonValueKind.String => String(value.GetValue<string>()),
                    JsonValueKind.Number => Number(value.ToJsonString()),
                    JsonValueKind.True => Scalar("true", ScalarStyle.Plain),
                    _ => Scalar("false", ScalarStyle.Plain),
                });
                break;
        }
    }

    /// <summary>
    /// go-yaml reads the JSON number text as YAML first: integers are rewritten in decimal, other numbers become
    /// float64 and are written in Go's shortest <c>'g'</c> form (<c>1.0</c> is <c>1</c>, <c>1000000.5</c> is <c>1.0000005e+06</c>).
    /// </summary>
    private static Scalar Number(string json)
    {
        var number = YamlPlainScalar.Resolve(json);
        return number.Kind switch
        {
            YamlScalarKind.Integer => Scalar(number.Integer.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain),
            YamlScalarKind.Float => Scalar(GoFloatFormat.G(number.Float), ScalarStyle.Plain),
            _ => String(json),
        };
    }

    /// <summary>
    /// go-yaml v3's choice for a string: literal if multi-line, plain if it reads back as the same string, else
    /// double-quoted; then its emitter's fallbacks for text the chosen style cannot carry.
    /// </summary>
    private static Scalar String(string text)
    {
        var requested = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : YamlPlainScalar.Resolve(text).Kind == YamlScalarKind.String && !IsBase60Float(text) && !IsYaml11Boolean(text) ? ScalarStyle.Plain
            : ScalarStyle.DoubleQuoted;
        var allowed = YamlScalarAnalysis.Of(text);
        var style = requested switch
        {
            ScalarStyle.Plain when allowed.Plain => ScalarStyle.Plain,
            ScalarStyle.Plain when allowed.SingleQuoted => ScalarStyle.SingleQuoted,
            ScalarStyle.Literal when allowed.Block => ScalarStyle.Literal,
            _ => ScalarStyle.DoubleQuoted,
        };
        return Scalar(text, style);
    }

    private static Scalar Scalar(string text, ScalarStyle style) =>
        new(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true);

    // YAML 1.1 spellings other parsers read as booleans: go-yaml quotes them although it reads them as strings.
    private static bool IsYaml11Boolean(string text) => text is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
        or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF";

    // YAML 1.1 sexagesimal numbers (1:20), likewise quoted for other parsers.
    private static bool IsBase60Float(string text) => Base60Float().IsMatch(text);

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();

    /// <summary>
    /// go-yaml's mapping key order: letters after other characters, runs of digits compared as numbers
    /// (<c>a2</c> before <c>a10</c>), otherwise by code point.
    /// </summary>
    private sealed class GoYamlKeyOrder : IComparer<string>
    {
        public static readonly GoYamlKeyOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? "").EnumerateRunes().ToArray();
            var right = (y ?? "").EnumerateRunes().ToArray();
            return Less(left, right) ? -1 : Less(right, left) ? 1 : 0;
        }

        private static bool Less(Rune[] a, Rune[] b)
        {
            for (var i = 0; i < a.Length && i < b.Length; i++)
            {
                if (a[i] == b[i])
                {
                    continue;
                }

                var aLetter = Rune.IsLetter(a[i]);
                var bLetter = Rune.IsLetter(b[i]);
                if (aLetter && bLetter)
                {
                    return a[i] < b[i];
                }

                if (aLetter || bLetter)
                {
                    return bLetter;
                }

                // A run of digits after a non-zero digit keeps its leading zeros significant.
                long aNumber = 0, bNumber = 0;
                if (a[i].Value == '0' || b[i].Value == '0')
                {
                    for (var j = i - 1; j >= 0 && Rune.IsDigit(a[j]); j--)
                    {
                        if (a[j].Value != '0')
                        {
                            aNumber = bNumber = 1;
                            break;
                        }
                    }
                }

                var aEnd = DigitRun(a, i, ref aNumber);
                var bEnd = DigitRun(b, i, ref bNumber);
                if (aNumber != bNumber)
                {
                    return aNumber < bNumber;
                }

                return aEnd != bEnd ? aEnd < bEnd : a[i] < b[i];
            }

            return a.Length < b.Length;
        }

        private static int DigitRun(Rune[] runes, int start, ref long number)
        {
            var end = start;
            for (; end < runes.Length && Rune.IsDigit(runes[end]); end++)
            {
                number = unchecked((number * 10) + runes[end].Value - '0');
            }

            return end;
        }
    }
}
