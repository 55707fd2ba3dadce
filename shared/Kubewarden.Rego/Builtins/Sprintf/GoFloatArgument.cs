using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>A Go <c>float64</c> (always finite here): verbs <c>%v %e %E %f %F %g %G %b %x %X</c>.</summary>
internal sealed class GoFloatArgument(double value) : GoArgument
{
    public override string TypeName => "float64";

    protected override void Format(GoOutput output, GoDirective directive, Rune verb)
    {
        switch (verb.Value)
        {
            case 'v':
                Write(output, directive, 'g', -1);
                break;
            case 'b' or 'g' or 'G' or 'x' or 'X':
                Write(output, directive, (char)verb.Value, -1);
                break;
            case 'f' or 'e' or 'E':
                Write(output, directive, (char)verb.Value, 6);
                break;
            case 'F':
                Write(output, directive, 'f', 6);
                break;
            default:
                WriteBadVerb(output, directive, verb);
                break;
        }
    }

    private void Write(GoOutput output, GoDirective directive, char format, int defaultPrecision)
    {
        var precision = directive.HasPrecision ? directive.Precision : defaultPrecision;
        var text = GoFloatText.Format(value, format, precision);
        var number = text[0] == '-' ? text : (directive.Space && !directive.Plus ? " " : "+") + text;
        if (directive.Sharp && format != 'b')
        {
            number = WithPointAndZeros(number, format, precision);
        }

        if (directive.Plus || number[0] != '+')
        {
            // With zero padding the sign goes before the zeros.
            if (directive.PadsWithZeros && directive.HasWidth && directive.Width > number.Length)
            {
                output.Write(number[0]);
                output.WritePadding(directive.Width - number.Length, zeros: true);
                output.Write(number[1..]);
                return;
            }

            output.Pad(number, directive);
            return;
        }

        output.Pad(number[1..], directive);
    }

    // The # flag: always a decimal point, and %g keeps its trailing zeros up to the precision (6 by default).
    private static string WithPointAndZeros(string number, char format, int precision)
    {
        var missingDigits = format is 'g' or 'G' or 'x' ? (precision == -1 ? 6 : precision) : 0;
        var tail = string.Empty;
        var hasPoint = false;
        var sawNonZero = false;
        for (var i = 1; i < number.Length; i++)
        {
            var character = number[i];
            if (character == '.')
            {
                hasPoint = true;
            }
            else if (character is 'p' or 'P' || (character is 'e' or 'E' && format is not ('x' or 'X')))
            {
                tail = number[i..];
                number = number[..i];
            }
            else
            {
                sawNonZero |= character != '0';
                if (sawNonZero)
                {
                    missingDigits--;
                }
            }
        }

        var result = new StringBuilder(number);
        if (!hasPoint)
        {
            if (number.Length == 2 && number[1] == '0')
            {
                missingDigits--;
            }

            result.Append('.');
        }

        return result.Append('0', Math.Max(missingDigits, 0)).Append(tail).ToString();
    }
}
