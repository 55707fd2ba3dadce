using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubewarden.HostCapabilities.Crypto;

/// <summary>RFC 3339 timestamps (<c>2024-05-01T12:00:00Z</c>, <c>2024-05-01T14:00:00.5+02:00</c>).</summary>
internal static partial class Rfc3339Timestamp
{
    /// <summary>Parses <paramref name="text"/>; false when it is not an RFC 3339 date-time.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // .NET keeps 7 fractional digits; RFC 3339 allows any number.
        var fraction = match.Groups["fraction"].Value;
        var normalized = $"{match.Groups["date"].Value}T{match.Groups["time"].Value}{(fraction.Length > 0 ? "." + fraction[..Math.Min(fraction.Length, 7)] : string.Empty)}"
            + (match.Groups["offset"].Value is "Z" or "z" ? "+00:00" : match.Groups["offset"].Value);
        return DateTimeOffset.TryParseExact(normalized, ["yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.(?<fraction>[0-9]+))?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
