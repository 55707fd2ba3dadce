using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>A Go <c>string</c>: verbs <c>%v %s %q %x %X</c>.</summary>
internal sealed class GoStringArgument(string value) : GoArgument
{
    public override string TypeName => "string";

    /// <summary>Go's <c>%s</c>: the precision cuts the text to that many runes, then it is padded to the width.</summary>
    public static void WriteString(GoOutput output, GoDirective directive, string text) =>
        output.Pad(Truncated(text, directive), directive);

    protected override void Format(GoOutput output, GoDirective directive, Rune verb)
    {
        switch (verb.Value)
        {
            case 'v' when directive.SharpV:
            case 'q':
                WriteQuoted(output, directive);
                break;
            case 'v' or 's':
                WriteString(output, directive, value);
                break;
            case 'x':
                WriteHex(output, directive, "0123456789abcdef", "0x");
                break;
            case 'X':
                WriteHex(output, directive, "0123456789ABCDEF", "0X");
                break;
            default:
                WriteBadVerb(output, directive, verb);
                break;
        }
    }

    private void WriteQuoted(GoOutput output, GoDirective directive)
    {
        var text = Truncated(value, directive);
        output.Pad(
            directive.Sharp && GoQuote.CanBackquote(text) ? $"`{text}`" : GoQuote.StringLiteral(text, asciiOnly: directive.Plus),
            directive);
    }

    // The UTF-8 bytes in hex; the precision counts bytes, the space flag separates them, # adds the 0x prefix.
    private void WriteHex(GoOutput output, GoDirective directive, string digits, string prefix)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var length = directive.HasPrecision ? Math.Min(directive.Precision, bytes.Length) : bytes.Length;
        if (length == 0)
        {
            if (directive.HasWidth)
            {
                output.WritePadding(directive.Width, directive.PadsWithZeros);
            }

            return;
        }

        var hex = new StringBuilder();
        if (directive.Sharp)
        {
            hex.Append(prefix);
        }

        for (var i = 0; i < length; i++)
        {
            if (directive.Space && i > 0)
            {
                hex.Append(' ');
                if (directive.Sharp)
                {
                    hex.Append(prefix);
                }
            }

            hex.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }

        var padding = directive.HasWidth ? directive.Width - hex.Length : 0;
        if (!directive.Minus)
        {
            output.WritePadding(padding, directive.PadsWithZeros);
        }

        output.Write(hex.ToString());
        if (directive.Minus)
        {
            output.WritePadding(padding, zeros: false);
        }
    }

    private static string Truncated(string text, GoDirective directive)
    {
        if (!directive.HasPrecision)
        {
            return text;
        }

        var kept = new StringBuilder();
        foreach (var rune in text.EnumerateRunes().Take(directive.Precision))
        {
            kept.Append(rune.ToString());
        }

        return kept.ToString();
    }
}
