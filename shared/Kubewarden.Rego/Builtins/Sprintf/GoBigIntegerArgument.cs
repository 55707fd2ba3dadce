using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// A Go <c>*big.Int</c> (an integer beyond 64 bits, so never zero), which formats itself as <c>math/big</c> does: verbs
/// <c>%v %d %s %b %o %O %x %X</c>, and <c>%!c(big.Int=…)</c> for any other verb, without padding.
/// </summary>
internal sealed class GoBigIntegerArgument(BigInteger value) : GoArgument
{
    public override string TypeName => "*big.Int";

    protected override void Format(GoOutput output, GoDirective directive, Rune verb)
    {
        int radix;
        switch (verb.Value)
        {
            case 'v' or 'd' or 's':
                radix = 10;
                break;
            case 'b':
                radix = 2;
                break;
            case 'o' or 'O':
                radix = 8;
                break;
            case 'x' or 'X':
                radix = 16;
                break;
            default:
                output.Write("%!" + verb.ToString() + "(big.Int=" + value.ToString(CultureInfo.InvariantCulture) + ")");
                return;
        }

        WriteNumber(output, directive, radix, verb.Value);
    }

    // [left padding][sign][prefix][zeros][digits][right padding]; the # of %#v and the + of %+v count here.
    private void WriteNumber(GoOutput output, GoDirective directive, int radix, int verb)
    {
        var sign = value.Sign < 0 ? "-" : directive.Plus || directive.PlusV ? "+" : directive.Space ? " " : string.Empty;
        var prefix = (directive.Sharp || directive.SharpV, verb) switch
        {
            (_, 'O') => "0o",
            (true, 'b') => "0b",
            (true, 'o') => "0",
            (true, 'x') => "0x",
            (true, 'X') => "0X",
            _ => string.Empty,
        };
        var digits = GoDigits.Of(BigInteger.Abs(value), radix, upper: verb == 'X');

        var zeros = directive.HasPrecision ? Math.Max(directive.Precision - digits.Length, 0) : 0;

        var length = sign.Length + prefix.Length + zeros + digits.Length;
        var padding = directive.HasWidth ? Math.Max(directive.Width - length, 0) : 0;
        var left = 0;
        var right = 0;
        if (directive.Minus)
        {
            right = padding;
        }
        else if (directive.Zero && !directive.HasPrecision)
        {
            zeros = padding;
        }
        else
        {
            left = padding;
        }

        output.WritePadding(left, zeros: false);
        output.Write(sign + prefix);
        output.WritePadding(zeros, zeros: true);
        output.Write(digits);
        output.WritePadding(right, zeros: false);
    }
}
