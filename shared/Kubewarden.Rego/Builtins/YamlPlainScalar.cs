using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Kubewarden.Rego.Builtins;

/// <summary>What a plain (unquoted, untagged) YAML scalar stands for.</summary>
internal enum YamlScalarKind
{
    String,
    Null,
    Boolean,
    Integer,
    Float,
    Timestamp,
}

/// <summary>
/// The resolution of a plain scalar by go-yaml v3 (which OPA uses): the YAML 1.2 core schema plus its extras
/// (<c>0777</c> octal, <c>_</c> digit separators, timestamps). <see cref="Integer"/> or <see cref="Float"/> holds the value.
/// </summary>
internal readonly partial record struct YamlPlainScalar(YamlScalarKind Kind, BigInteger Integer = default, double Float = 0)
{
    private static readonly BigInteger Int64Min = long.MinValue;
    private static readonly BigInteger UInt64Max = ulong.MaxValue;

    /// <summary>Resolves <paramref name="text"/> as go-yaml v3's resolver does for an untagged plain scalar.</summary>
    public static YamlPlainScalar Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new(YamlScalarKind.Null);
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return new(YamlScalarKind.Boolean);
            case ".nan" or ".NaN" or ".NAN":
                return new(YamlScalarKind.Float, Float: double.NaN);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new(YamlScalarKind.Float, Float: double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new(YamlScalarKind.Float, Float: double.NegativeInfinity);
        }

        if (text[0] == '.')
        {
            return DotFloat().IsMatch(text) && TryFloat(text, out var fraction) ? new(YamlScalarKind.Float, Float: fraction) : new(YamlScalarKind.String);
        }

        if (!char.IsAsciiDigit(text[0]) && text[0] is not ('+' or '-'))
        {
            return new(YamlScalarKind.String);
        }

        if (IsTimestamp(text))
        {
            return new(YamlScalarKind.Timestamp);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (TryGoInteger(plain, out var integer))
        {
            return new(YamlScalarKind.Integer, Integer: integer);
        }

        return YamlFloat().IsMatch(plain) && TryFloat(plain, out var number) ? new(YamlScalarKind.Float, Float: number) : new(YamlScalarKind.String);
    }

    /// <summary>The value of a <c>true</c>/<c>false</c> spelling this resolver accepted.</summary>
    public static bool BooleanValue(string text) => text[0] is 't' or 'T';

    /// <summary>
    /// Go's strconv.ParseInt(text, 0, 64), falling back to ParseUint: an optional sign (ParseUint takes none), then
    /// <c>0x</c>, <c>0o</c>, <c>0b</c>, a leading <c>0</c> (octal) or decimal digits, within int64 or uint64.
    /// </summary>
    private static bool TryGoInteger(string text, out BigInteger value)
    {
        value = default;
        var signed = text[0] is '+' or '-';
        var digits = signed ? text[1..] : text;
        var (radix, body) = digits.Length > 1 && digits[0] == '0' ? char.ToLowerInvariant(digits[1]) switch
        {
            'x' => (16, digits[2..]),
            'o' => (8, digits[2..]),
            'b' => (2, digits[2..]),
            _ => (8, digits[1..]),
        } : (10, digits);
        if (digits.Length == 0 || (body.Length == 0 && radix != 8))
        {
            return false;
        }

        foreach (var digit in body)
        {
            var digitValue = char.IsAsciiDigit(digit) ? digit - '0' : char.IsAsciiHexDigit(digit) ? char.ToLowerInvariant(digit) - 'a' + 10 : int.MaxValue;
            if (digitValue >= radix)
            {
                return false;
            }

            value = (value * radix) + digitValue;
        }

        if (text[0] == '-')
        {
            value = -value;
        }

        return value >= Int64Min && (value <= long.MaxValue || (!signed && value <= UInt64Max));
    }

    private static bool TryFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// The timestamps go-yaml v3 recognises (Go time layouts <c>2006-1-2</c>, <c>2006-1-2 15:4:5.999999999</c> and
    /// <c>2006-1-2T15:4:5.999999999Z07:00</c>), with the calendar and clock ranges Go checks.
    /// </summary>
    private static bool IsTimestamp(string text)
    {
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Number(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Number("year"), Number("month"), Number("day"));
        var zoneNeeded = match.Groups["t"].Value is "T" or "t";
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month)
            && Number("hour") <= 23 && Number("minute") <= 59 && Number("second") <= 59
            && zoneNeeded == match.Groups["zone"].Success;
    }

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlFloat();

    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})(?:(?<t>[Tt ])(?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2}):(?<second>[0-9]{1,2})(?:[.,][0-9]+)?(?<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
