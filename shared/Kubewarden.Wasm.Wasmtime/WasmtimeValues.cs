using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

internal static class WasmtimeValues
{
    public static ValueKind ToNative(WasmValueKind kind) => kind switch
    {
        WasmValueKind.I32 => ValueKind.Int32,
        WasmValueKind.I64 => ValueKind.Int64,
        WasmValueKind.F32 => ValueKind.Float32,
        WasmValueKind.F64 => ValueKind.Float64,
        WasmValueKind.V128 => ValueKind.V128,
        _ => ValueKind.FuncRef,
    };

    public static WasmValueKind FromNative(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => WasmValueKind.I32,
        ValueKind.Int64 => WasmValueKind.I64,
        ValueKind.Float32 => WasmValueKind.F32,
        ValueKind.Float64 => WasmValueKind.F64,
        ValueKind.V128 => WasmValueKind.V128,
        _ => WasmValueKind.Reference,
    };
}
