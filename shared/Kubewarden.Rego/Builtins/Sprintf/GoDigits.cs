using System.Globalization;
using System.Numerics;
using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>The digits of a non-negative integer in base 2, 8, 10 or 16, without prefix.</summary>
internal static class GoDigits
{
    public static string Of(ulong magnitude, int radix, bool upper = false) => Of(new BigInteger(magnitude), radix, upper);

    public static string Of(BigInteger magnitude, int radix, bool upper = false)
    {
        if (radix == 10)
        {
            return magnitude.ToString(CultureInfo.InvariantCulture);
        }

        var symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        var digits = new StringBuilder();
        do
        {
            magnitude = BigInteger.DivRem(magnitude, radix, out var digit);
            digits.Insert(0, symbols[(int)digit]);
        }
        while (!magnitude.IsZero);

        return digits.ToString();
    }
}
