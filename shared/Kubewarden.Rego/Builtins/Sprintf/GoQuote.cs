using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>Go's <c>strconv</c> quoting: <c>Quote</c>, <c>QuoteToASCII</c>, <c>QuoteRune</c>, <c>CanBackquote</c> and <c>IsPrint</c>.</summary>
internal static class GoQuote
{
    /// <summary>A double-quoted Go string literal; <paramref name="asciiOnly"/> escapes every non-ASCII rune.</summary>
    public static string StringLiteral(string text, bool asciiOnly = false)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            AppendEscaped(quoted, rune, '"', asciiOnly);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A single-quoted Go rune literal; a surrogate or a value beyond Unicode becomes U+FFFD.</summary>
    public static string RuneLiteral(int codePoint, bool asciiOnly = false)
    {
        var rune = Rune.IsValid(codePoint) ? new Rune(codePoint) : Rune.ReplacementChar;
        var quoted = new StringBuilder("'");
        AppendEscaped(quoted, rune, '\'', asciiOnly);
        return quoted.Append('\'').ToString();
    }

    /// <summary>Whether Go can print <paramref name="text"/> as a raw (backquoted) string: no control character but tab, no backquote, no BOM.</summary>
    public static bool CanBackquote(string text) =>
        text.EnumerateRunes().All(rune => rune.Value switch
        {
            '`' or 0x7F or 0xFEFF => false,
            < ' ' => rune.Value == '\t',
            _ => true,
        });

    /// <summary>Go's <c>strconv.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int codePoint)
    {
        if (codePoint < 0x100)
        {
            return codePoint is (>= 0x20 and <= 0x7E) or (>= 0xA1 and <= 0xFF and not 0xAD);
        }

        if (!Rune.IsValid(codePoint))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(new Rune(codePoint)) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    private static void AppendEscaped(StringBuilder quoted, Rune rune, char quote, bool asciiOnly)
    {
        var value = rune.Value;
        if (value == quote || value == '\\')
        {
            quoted.Append('\\').Append((char)value);
            return;
        }

        if (IsPrint(value) && (!asciiOnly || value < 0x80))
        {
            quoted.Append(rune.ToString());
            return;
        }

        quoted.Append(value switch
        {
            '\a' => @"\a",
            '\b' => @"\b",
            '\f' => @"\f",
            '\n' => @"\n",
            '\r' => @"\r",
            '\t' => @"\t",
            '\v' => @"\v",
            < ' ' or 0x7F => string.Create(CultureInfo.InvariantCulture, $@"\x{value:x2}"),
            < 0x10000 => string.Create(CultureInfo.InvariantCulture, $@"\u{value:x4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $@"\U{value:x8}"),
        });
    }
}
