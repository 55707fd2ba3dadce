using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Kubewarden.Admission.Internal;

/// <summary>
/// A JSON number classified the way serde_json does: non-negative integers that fit in u64,
/// negative integers that fit in i64, and everything else (fractions, exponents, overflow,
/// <c>-0</c>) as f64. Numbers of different classes are never equal.
/// </summary>
internal readonly struct JsonNumber : IEquatable<JsonNumber>
{
    private const byte PositiveInteger = 0;
    private const byte NegativeInteger = 1;
    private const byte Float = 2;

    private readonly byte _class;
    private readonly ulong _unsigned;
    private readonly long _signed;
    private readonly double _float;

    private JsonNumber(byte numberClass, ulong unsigned, long signed, double value)
    {
        _class = numberClass;
        _unsigned = unsigned;
        _signed = signed;
        _float = value;
    }

    public static JsonNumber From(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var isInteger = raw.IndexOfAny(".eE"u8) < 0;
        if (isInteger)
        {
            if (raw.Length > 0 && raw[0] == (byte)'-')
            {
                if (Utf8Parser.TryParse(raw, out long signed, out var consumed) && consumed == raw.Length)
                {
                    return signed == 0
                        ? new JsonNumber(Float, 0, 0, -0.0)
                        : new JsonNumber(NegativeInteger, 0, signed, 0);
                }
            }
            else if (Utf8Parser.TryParse(raw, out ulong unsigned, out var consumed) && consumed == raw.Length)
            {
                return new JsonNumber(PositiveInteger, unsigned, 0, 0);
            }
        }

        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumber(Float, 0, 0, value);
    }

    public bool Equals(JsonNumber other)
    {
        if (_class != other._class)
        {
            return false;
        }

        return _class switch
        {
            PositiveInteger => _unsigned == other._unsigned,
            NegativeInteger => _signed == other._signed,
            _ => _float == other._float,
        };
    }

    public override bool Equals(object? obj) => obj is JsonNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_class, _unsigned, _signed, _float);
}
