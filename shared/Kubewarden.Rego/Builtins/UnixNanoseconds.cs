using System.Globalization;
using System.Numerics;

namespace Kubewarden.Rego.Builtins;

/// <summary>Instants as OPA numbers them: nanoseconds since 1970-01-01T00:00:00Z in a signed 64-bit integer.</summary>
internal static class UnixNanoseconds
{
    private const long NanosecondsPerTick = 100;

    /// <summary>The nanoseconds of <paramref name="instant"/>.</summary>
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosecondsPerTick;

    /// <summary>The instant <paramref name="nanoseconds"/> denote (.NET keeps 100 ns ticks: the rest is dropped, rounding down).</summary>
    public static DateTimeOffset ToInstant(long nanoseconds)
    {
        var (ticks, rest) = Math.DivRem(nanoseconds, NanosecondsPerTick);
        return DateTimeOffset.UnixEpoch.AddTicks(rest < 0 ? ticks - 1 : ticks);
    }

    /// <summary>
    /// The integer a JSON number's <paramref name="text"/> denotes, when it is one that fits in 64 bits (<c>1.5e9</c> is;
    /// <c>1.5</c> and <c>1e19</c> are not), as OPA requires of timestamps.
    /// </summary>
    public static bool TryParseExact(string text, out long value)
    {
        value = 0;
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var significand = exponentAt < 0 ? text : text[..exponentAt];
        if (!int.TryParse(exponentAt < 0 ? "0" : text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            // An exponent beyond 32 bits: the value is zero or far out of range; OPA accepts only an exact zero.
            return significand.All(c => c is '0' or '.' or '-');
        }

        var point = significand.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? significand : significand.Remove(point, 1);
        exponent -= point < 0 ? 0 : significand.Length - point - 1;
        if (!BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return false;
        }

        for (; exponent < 0 && !integer.IsZero; exponent++)
        {
            integer = BigInteger.DivRem(integer, 10, out var remainder);
            if (!remainder.IsZero)
            {
                return false;
            }
        }

        if (exponent > 0 && !integer.IsZero)
        {
            if (exponent > 19)
            {
                return false;
            }

            integer *= BigInteger.Pow(10, exponent);
        }

        if (integer < long.MinValue || integer > long.MaxValue)
        {
            return false;
        }

        value = (long)integer;
        return true;
    }
}
