using System.Globalization;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// A semantic version as OPA reads one: <c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>, with an optional leading <c>v</c>.
/// Precedence follows SemVer 2.0.0: build metadata is ignored, a pre-release ranks below its release, and pre-release
/// identifiers compare numerically when both are digits (numbers rank below text), as text otherwise.
/// </summary>
internal sealed class SemanticVersion
{
    private readonly long _major;
    private readonly long _minor;
    private readonly long _patch;
    private readonly string _preRelease;

    private SemanticVersion(long major, long minor, long patch, string preRelease)
    {
        _major = major;
        _minor = minor;
        _patch = patch;
        _preRelease = preRelease;
    }

    /// <summary>The version <paramref name="text"/> denotes, or null when it is none.</summary>
    public static SemanticVersion? Parse(string text)
    {
        var version = text.StartsWith('v') ? text[1..] : text;
        (version, var build) = Cut(version, '+');
        (version, var preRelease) = Cut(version, '-');
        if ((build.Length > 0 && !IsIdentifierList(build)) || (preRelease.Length > 0 && !IsIdentifierList(preRelease)))
        {
            return null;
        }

        var numbers = version.Split('.');
        return numbers.Length == 3
            && TryParseNumber(numbers[0], out var major)
            && TryParseNumber(numbers[1], out var minor)
            && TryParseNumber(numbers[2], out var patch)
                ? new SemanticVersion(major, minor, patch, preRelease)
                : null;
    }

    /// <summary>-1, 0 or 1 as this version has lower, equal or higher precedence than <paramref name="other"/>.</summary>
    public int CompareTo(SemanticVersion other)
    {
        var release = _major != other._major ? _major.CompareTo(other._major)
            : _minor != other._minor ? _minor.CompareTo(other._minor)
            : _patch.CompareTo(other._patch);
        if (release != 0)
        {
            return Math.Sign(release);
        }

        if (_preRelease.Length == 0 || other._preRelease.Length == 0)
        {
            return other._preRelease.Length.CompareTo(0) - _preRelease.Length.CompareTo(0);
        }

        var mine = _preRelease.Split('.');
        var theirs = other._preRelease.Split('.');
        for (var i = 0; i < Math.Min(mine.Length, theirs.Length); i++)
        {
            var order = CompareIdentifiers(mine[i], theirs[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return mine.Length.CompareTo(theirs.Length);
    }

    private static int CompareIdentifiers(string a, string b)
    {
        var aIsNumber = a.All(char.IsAsciiDigit);
        var bIsNumber = b.All(char.IsAsciiDigit);
        if (aIsNumber != bIsNumber)
        {
            return aIsNumber ? -1 : 1;
        }

        return Math.Sign(aIsNumber ? NumericValue(a).CompareTo(NumericValue(b)) : string.CompareOrdinal(a, b));
    }

    // Go's strconv.Atoi saturates numbers beyond 64 bits.
    private static long NumericValue(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;

    private static bool TryParseNumber(string digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool IsIdentifierList(string text) =>
        text.Split('.').All(identifier => identifier.Length > 0 && identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static (string Before, string After) Cut(string text, char separator)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? (text, string.Empty) : (text[..index], text[(index + 1)..]);
    }
}
