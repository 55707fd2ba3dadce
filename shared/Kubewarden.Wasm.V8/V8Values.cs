using System.Numerics;

namespace Kubewarden.Wasm.V8;

/// <summary>Wasm values as JavaScript sees them: i32/f32/f64 as numbers, i64 as BigInt.</summary>
internal static class V8Values
{
    public static object ToScript(WasmValueKind kind, long value) => kind switch
    {
        WasmValueKind.I32 => (int)value,
        WasmValueKind.I64 => new BigInteger(value),
        WasmValueKind.F32 => (double)BitConverter.Int32BitsToSingle((int)value),
        WasmValueKind.F64 => BitConverter.Int64BitsToDouble(value),
        _ => throw new ArgumentException($"{kind} values cannot cross the host boundary", nameof(kind)),
    };

    public static long FromScript(WasmValueKind kind, object? value) => kind switch
    {
        WasmValueKind.I32 => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        WasmValueKind.I64 => value is BigInteger big ? (long)big : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        WasmValueKind.F32 => BitConverter.SingleToInt32Bits(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)),
        WasmValueKind.F64 => BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => 0,
    };
}
