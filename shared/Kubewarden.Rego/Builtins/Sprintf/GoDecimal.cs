using System.Globalization;
using System.Numerics;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// The decimal digits of a non-negative float: the value is <c>0.Digits × 10^Point</c>, without leading or trailing
/// zeros (zero has no digits). Rounding follows Go's <c>strconv</c>: to nearest, ties to even.
/// </summary>
internal readonly record struct GoDecimal(string Digits, int Point)
{
    /// <summary>The exact decimal expansion of <paramref name="magnitude"/> (every finite double has one).</summary>
    public static GoDecimal Exact(double magnitude)
    {
        var (mantissa, exponent) = GoFloatBits.Decompose(magnitude);
        if (mantissa == 0)
        {
            return new GoDecimal(string.Empty, 0);
        }

        if (exponent >= 0)
        {
            return Trimmed((new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture), 0);
        }

        // mantissa × 2^-k = mantissa × 5^k / 10^k
        var digits = (mantissa * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture);
        return Trimmed(digits, exponent);
    }

    /// <summary>The fewest digits that read back as <paramref name="magnitude"/> (what Go prints for <c>%v</c>).</summary>
    public static GoDecimal Shortest(double magnitude)
    {
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;
        return Trimmed(digits, exponent + integerDigits - digits.Length);
    }

    /// <summary>Rounds to <paramref name="count"/> significant digits; nothing changes when it keeps them all or is negative.</summary>
    public GoDecimal RoundTo(int count)
    {
        if (count < 0 || count >= Digits.Length)
        {
            return this;
        }

        return RoundsUp(count) ? RoundUp(count) : Trimmed(Digits[..count], Point - count);
    }

    private bool RoundsUp(int count)
    {
        var next = Digits[count];
        var exactlyHalf = next == '5' && count + 1 == Digits.Length;
        return exactlyHalf ? count > 0 && (Digits[count - 1] - '0') % 2 == 1 : next >= '5';
    }

    private GoDecimal RoundUp(int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (Digits[i] < '9')
            {
                return new GoDecimal(string.Concat(Digits.AsSpan(0, i), ((char)(Digits[i] + 1)).ToString()), Point);
            }
        }

        return new GoDecimal("1", Point + 1);
    }

    /// <summary>Builds the decimal of the integer <paramref name="digits"/> × 10^<paramref name="exponent"/>.</summary>
    private static GoDecimal Trimmed(string digits, int exponent)
    {
        var significant = digits.TrimStart('0');
        var point = significant.Length + exponent;
        return new GoDecimal(significant.TrimEnd('0'), significant.Length == 0 ? 0 : point);
    }
}
