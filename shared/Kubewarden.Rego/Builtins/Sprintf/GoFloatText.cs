using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// Go's <c>strconv.FormatFloat(value, format, precision, 64)</c> for finite values: formats <c>e E f g G b x X</c>;
/// a negative precision means the fewest digits that read back as the value.
/// </summary>
internal static class GoFloatText
{
    public static string Format(double value, char format, int precision)
    {
        var negative = double.IsNegative(value);
        var sign = negative ? "-" : string.Empty;
        return format switch
        {
            'b' => sign + Binary(value),
            'x' or 'X' => sign + Hexadecimal(value, format, precision),
            _ => sign + Decimal(Math.Abs(value), format, precision),
        };
    }

    private static string Decimal(double magnitude, char format, int precision)
    {
        var shortest = precision < 0;
        GoDecimal digits;
        if (shortest)
        {
            digits = GoDecimal.Shortest(magnitude);
            precision = format switch
            {
                'e' or 'E' => Math.Max(digits.Digits.Length - 1, 0),
                'f' => Math.Max(digits.Digits.Length - digits.Point, 0),
                _ => digits.Digits.Length,
            };
        }
        else
        {
            var exact = GoDecimal.Exact(magnitude);
            if (format is 'g' or 'G' && precision == 0)
            {
                precision = 1;
            }

            digits = exact.RoundTo(format switch
            {
                'e' or 'E' => precision + 1,
                'f' => exact.Point + precision,
                _ => precision,
            });
        }

        return format switch
        {
            'e' or 'E' => Exponential(digits, precision, format),
            'f' => Fixed(digits, precision),
            _ => General(digits, precision, format, shortest),
        };
    }

    // %g: %e when the exponent is below -4 or at least the precision (6 for the shortest form), %f otherwise.
    private static string General(GoDecimal digits, int precision, char format, bool shortest)
    {
        var count = digits.Digits.Length;
        var exponentLimit = precision > count && count >= digits.Point ? count : precision;
        if (shortest)
        {
            exponentLimit = 6;
        }

        var exponent = digits.Point - 1;
        if (exponent < -4 || exponent >= exponentLimit)
        {
            return Exponential(digits, Math.Min(precision, count) - 1, format == 'g' ? 'e' : 'E');
        }

        return Fixed(digits, Math.Max((precision > digits.Point ? count : precision) - digits.Point, 0));
    }

    private static string Exponential(GoDecimal digits, int precision, char format)
    {
        var text = new StringBuilder();
        text.Append(digits.Digits.Length == 0 ? '0' : digits.Digits[0]);
        if (precision > 0)
        {
            text.Append('.');
            var fraction = digits.Digits.Length > 1 ? digits.Digits[1..Math.Min(digits.Digits.Length, precision + 1)] : string.Empty;
            text.Append(fraction).Append('0', precision - fraction.Length);
        }

        var exponent = digits.Digits.Length == 0 ? 0 : digits.Point - 1;
        text.Append(format).Append(exponent < 0 ? '-' : '+');
        return text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }

    private static string Fixed(GoDecimal digits, int precision)
    {
        var text = new StringBuilder();
        if (digits.Point > 0)
        {
            var integer = digits.Digits[..Math.Min(digits.Digits.Length, digits.Point)];
            text.Append(integer).Append('0', digits.Point - integer.Length);
        }
        else
        {
            text.Append('0');
        }

        if (precision > 0)
        {
            text.Append('.');
            for (var i = 0; i < precision; i++)
            {
                var at = digits.Point + i;
                text.Append(at >= 0 && at < digits.Digits.Length ? digits.Digits[at] : '0');
            }
        }

        return text.ToString();
    }

    // %b: decimal mantissa and power of two, e.g. 4503599627370496p-52 for 1.
    private static string Binary(double value)
    {
        var (mantissa, exponent) = GoFloatBits.Decompose(value);
        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}p{(exponent >= 0 ? "+" : string.Empty)}{exponent}");
    }

    // %x: -0x1.yyyyp±dd, the mantissa normalised to a leading 1 (0x0p+00 for zero), rounded to nearest even in hex digits.
    private static string Hexadecimal(double value, char format, int precision)
    {
        const int Top = 60;
        var (mantissa, exponent) = GoFloatBits.Decompose(value);
        exponent += GoFloatBits.MantissaBits;
        if (mantissa == 0)
        {
            exponent = 0;
        }

        mantissa <<= Top - GoFloatBits.MantissaBits;
        while (mantissa != 0 && (mantissa & (1UL << Top)) == 0)
        {
            mantissa <<= 1;
            exponent--;
        }

        if (precision is >= 0 and < 15)
        {
            var shift = precision * 4;
            var rest = (mantissa << shift) & ((1UL << Top) - 1);
            mantissa >>= Top - shift;
            if ((rest | (mantissa & 1)) > 1UL << (Top - 1))
            {
                mantissa++;
            }

            mantissa <<= Top - shift;
            if ((mantissa & (1UL << (Top + 1))) != 0)
            {
                mantissa >>= 1;
                exponent++;
            }
        }

        var hexDigits = format == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        var text = new StringBuilder("0").Append(format).Append((char)('0' + ((mantissa >> Top) & 1)));
        mantissa <<= 4;
        var fractionDigits = precision < 0 ? (mantissa == 0 ? 0 : -1) : precision;
        if (fractionDigits != 0)
        {
            text.Append('.');
            for (var i = 0; fractionDigits < 0 ? mantissa != 0 : i < fractionDigits; i++)
            {
                text.Append(hexDigits[(int)((mantissa >> Top) & 15)]);
                mantissa <<= 4;
            }
        }

        text.Append(format == 'X' ? 'P' : 'p').Append(exponent < 0 ? '-' : '+');
        return text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }
}
