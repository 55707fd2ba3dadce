namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>The binary parts of a float64, as Go's <c>strconv</c> sees them.</summary>
internal static class GoFloatBits
{
    public const int MantissaBits = 52;

    /// <summary>The integer mantissa (with its implicit leading bit) and power of two of |value| = mantissa × 2^exponent.</summary>
    public static (ulong Mantissa, int Exponent) Decompose(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var biasedExponent = (int)((bits >> MantissaBits) & 0x7FF);
        var mantissa = bits & ((1UL << MantissaBits) - 1);
        if (biasedExponent == 0)
        {
            biasedExponent = 1; // subnormal: no implicit bit
        }
        else
        {
            mantissa |= 1UL << MantissaBits;
        }

        return (mantissa, biasedExponent - 1023 - MantissaBits);
    }
}
