using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Kubewarden.Policies;

/// <summary>
/// Resolves untagged plain YAML scalars the way serde_yaml 0.9 does (YAML 1.2 core schema):
/// <c>~ null Null NULL</c> and empty → null; <c>true True TRUE false False FALSE</c> → bool
/// (<c>yes</c>/<c>on</c> stay strings); decimal, <c>0x</c>, <c>0o</c>, <c>0b</c> integers with an
/// optional sign; digit strings with a leading zero (<c>0123</c>) stay strings; finite floats and
/// <c>.inf</c>/<c>.nan</c> (which become JSON <c>null</c>, as serde_json does).
/// </summary>
internal static partial class YamlScalarResolver
{
    public static ScalarNode Resolve(string text, int? line, int? column)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new ScalarNode(ScalarKind.Null, text, "null", line, column);
            case "true" or "True" or "TRUE":
                return new ScalarNode(ScalarKind.Bool, text, "true", line, column);
            case "false" or "False" or "FALSE":
                return new ScalarNode(ScalarKind.Bool, text, "false", line, column);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF"
                or ".nan" or ".NaN" or ".NAN":
                return new ScalarNode(ScalarKind.Float, text, "null", line, column);
            default:
                break;
        }

        if (TryParseInteger(text, out var integer))
        {
            if (integer >= long.MinValue && integer <= ulong.MaxValue)
            {
                return new ScalarNode(ScalarKind.Integer, text, integer.ToString(CultureInfo.InvariantCulture), line, column);
            }

            return new ScalarNode(ScalarKind.Float, text, FormatFloat((double)integer), line, column);
        }

        if (!DigitsButNotNumber(text) && FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return new ScalarNode(ScalarKind.Float, text, FormatFloat(number), line, column);
        }

        return new ScalarNode(ScalarKind.String, text, null, line, column);
    }

    /// <summary>Formats a double like serde_json: integral values keep a <c>.0</c>.</summary>
    public static string FormatFloat(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0.0", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool TryParseInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var body = text.AsSpan();
        var negative = false;
        if (body.StartsWith("+"))
        {
            body = body[1..];
        }
        else if (body.StartsWith("-"))
        {
            negative = true;
            body = body[1..];
        }

        if (body.IsEmpty || body[0] is '+' or '-')
        {
            return false;
        }

        var radix = 10;
        if (body.StartsWith("0x"))
        {
            radix = 16;
        }
        else if (body.StartsWith("0o"))
        {
            radix = 8;
        }
        else if (body.StartsWith("0b"))
        {
            radix = 2;
        }

        if (radix != 10)
        {
            body = body[2..];
        }
        else if (DigitsButNotNumber(text))
        {
            return false;
        }

        if (body.IsEmpty)
        {
            return false;
        }

        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Leading zero(s) followed by digits is a string in YAML 1.2 (serde_yaml's rule).</summary>
    private static bool DigitsButNotNumber(string text)
    {
        var s = text.AsSpan();
        if (s.StartsWith("+") || s.StartsWith("-"))
        {
            s = s[1..];
        }

        if (s.Length <= 1 || s[0] != '0')
        {
            return false;
        }

        foreach (var c in s[1..])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
