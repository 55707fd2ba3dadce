using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>A Go <c>int</c> (64 bits, as OPA hands integers over): verbs <c>%v %d %b %o %O %x %X %c %q %U</c>.</summary>
internal sealed class GoIntegerArgument(long value) : GoArgument
{
    public long Value => value;

    public override string TypeName => "int";

    protected override void Format(GoOutput output, GoDirective directive, Rune verb)
    {
        switch (verb.Value)
        {
            case 'v' or 'd':
                WriteNumber(output, directive, 10, verb);
                break;
            case 'b':
                WriteNumber(output, directive, 2, verb);
                break;
            case 'o' or 'O':
                WriteNumber(output, directive, 8, verb);
                break;
            case 'x' or 'X':
                WriteNumber(output, directive, 16, verb);
                break;
            case 'c':
                output.Pad(AsRune().ToString(), directive);
                break;
            case 'q':
                output.Pad(GoQuote.RuneLiteral(AsRune().Value, asciiOnly: directive.Plus), directive);
                break;
            case 'U':
                WriteUnicode(output, directive);
                break;
            default:
                WriteBadVerb(output, directive, verb);
                break;
        }
    }

    // Zeros come from the precision (%.3d) or, without one, from the 0 flag filling the width after the sign (%03d).
    private void WriteNumber(GoOutput output, GoDirective directive, int radix, Rune verb)
    {
        var negative = value < 0;
        var magnitude = negative ? unchecked(0UL - (ulong)value) : (ulong)value;
        var minimumDigits = 0;
        if (directive.HasPrecision)
        {
            minimumDigits = directive.Precision;
            if (minimumDigits == 0 && magnitude == 0)
            {
                output.WritePadding(directive.Width, zeros: false);
                return;
            }
        }
        else if (directive.PadsWithZeros && directive.HasWidth)
        {
            minimumDigits = directive.Width - (negative || directive.Plus || directive.Space ? 1 : 0);
        }

        var digits = GoDigits.Of(magnitude, radix, upper: verb.Value == 'X');
        var number = new StringBuilder().Append('0', Math.Max(minimumDigits - digits.Length, 0)).Append(digits);
        if (directive.Sharp)
        {
            switch (radix)
            {
                case 2:
                    number.Insert(0, "0b");
                    break;
                case 8 when number[0] != '0':
                    number.Insert(0, '0');
                    break;
                case 16:
                    number.Insert(0, verb.Value == 'X' ? "0X" : "0x");
                    break;
            }
        }

        if (verb.Value == 'O')
        {
            number.Insert(0, "0o");
        }

        var sign = negative ? "-" : directive.Plus ? "+" : directive.Space ? " " : string.Empty;
        output.Pad(sign + number, directive, zerosAllowed: false);
    }

    // U+0041, at least four hex digits (more with a larger precision); # adds the character when printable: U+0041 'A'.
    private void WriteUnicode(GoOutput output, GoDirective directive)
    {
        var magnitude = unchecked((ulong)value);
        var minimumDigits = directive.HasPrecision && directive.Precision > 4 ? directive.Precision : 4;
        var text = "U+" + GoDigits.Of(magnitude, 16, upper: true).PadLeft(minimumDigits, '0');
        if (directive.Sharp && magnitude <= 0x10FFFF && GoQuote.IsPrint((int)magnitude))
        {
            text += " '" + new Rune((int)magnitude).ToString() + "'";
        }

        output.Pad(text, directive, zerosAllowed: false);
    }

    // Go's rune conversion: beyond Unicode (negative values included) or a surrogate, it is U+FFFD.
    private Rune AsRune() =>
        value is >= 0 and <= 0x10FFFF && Rune.IsValid((int)value) ? new Rune((int)value) : Rune.ReplacementChar;
}
