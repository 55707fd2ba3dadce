using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>Go's shortest float formatting: strconv.FormatFloat with <c>'g'</c>, and encoding/json's number form.</summary>
internal static class GoFloatFormat
{
    /// <summary><c>strconv.FormatFloat(value, 'g', -1, 64)</c>, as go-yaml writes a float (<c>1e+06</c>, <c>0.5</c>).</summary>
    public static string G(double value) => double.IsFinite(value)
        ? G(value.ToString("R", CultureInfo.InvariantCulture))
        : NonFinite(value);

    /// <summary><c>strconv.FormatFloat(value, 'g', -1, 32)</c>, as OPA names a float mapping key.</summary>
    public static string G(float value) => float.IsFinite(value)
        ? G(value.ToString("R", CultureInfo.InvariantCulture))
        : NonFinite(value);

    /// <summary>How encoding/json writes a float64: fixed notation, exponent form below 1e-6 and from 1e21 (<c>1e-7</c>).</summary>
    public static string Json(double value)
    {
        var shortest = Shortest.Of(value.ToString("R", CultureInfo.InvariantCulture));
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
            ? shortest.Exponential(minimumExponentDigits: 1)
            : shortest.Fixed();
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    private static string G(string roundTrip)
    {
        var shortest = Shortest.Of(roundTrip);
        var exponent = shortest.Point - 1;
        return exponent < -4 || exponent >= 6 ? shortest.Exponential(minimumExponentDigits: 2) : shortest.Fixed();
    }

    /// <summary>The shortest round-trip digits of a float and where its decimal point goes (0.5: digits 5, point 0).</summary>
    private readonly record struct Shortest(bool Negative, string Digits, int Point)
    {
        public static Shortest Of(string roundTrip)
        {
            var negative = roundTrip.StartsWith('-');
            var unsigned = negative ? roundTrip[1..] : roundTrip;
            var e = unsigned.IndexOfAny(['E', 'e']);
            var mantissa = e < 0 ? unsigned : unsigned[..e];
            var exponent = e < 0 ? 0 : int.Parse(unsigned[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
            var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
            var point = (dot < 0 ? mantissa.Length : dot) + exponent;
            var significant = digits.TrimStart('0');
            point -= digits.Length - significant.Length;
            significant = significant.TrimEnd('0');
            return significant.Length == 0 ? new(negative, "0", 1) : new(negative, significant, point);
        }

        public string Fixed()
        {
            var text = new StringBuilder(Negative ? "-" : "");
            if (Point <= 0)
            {
                text.Append("0.").Append('0', -Point).Append(Digits);
            }
            else if (Point >= Digits.Length)
            {
                text.Append(Digits).Append('0', Point - Digits.Length);
            }
            else
            {
                text.Append(Digits, 0, Point).Append('.').Append(Digits, Point, Digits.Length - Point);
            }

            return text.ToString();
        }

        public string Exponential(int minimumExponentDigits)
        {
            var text = new StringBuilder(Negative ? "-" : "").Append(Digits[0]);
            if (Digits.Length > 1)
            {
                text.Append('.').Append(Digits, 1, Digits.Length - 1);
            }

            var exponent = Point - 1;
            return text.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(minimumExponentDigits, '0'))
                .ToString();
        }
    }
}
