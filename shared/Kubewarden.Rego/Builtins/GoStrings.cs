using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>Go's ways of writing strings into messages and patterns, so that errors read as OPA's do.</summary>
internal static class GoStrings
{
    private const string RegexMetaCharacters = @"\.+*?()|[]{}^$";

    /// <summary>
    /// <paramref name="text"/> in double quotes, as Go's <c>time</c> package quotes in its errors: quotes and backslashes
    /// escaped, control and non-ASCII characters as <c>\x</c> escapes of their UTF-8 bytes.
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is < ' ' or >= 0x80)
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    quoted.Append(@"\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }

                continue;
            }

            if (rune.Value is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append((char)rune.Value);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary><paramref name="text"/> with the regexp metacharacters escaped, as Go's <c>regexp.QuoteMeta</c>.</summary>
    public static string QuoteMeta(string text)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (RegexMetaCharacters.Contains(c, StringComparison.Ordinal))
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.ToString();
    }
}
