using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>Adapts a <see cref="WasmHostCallback"/> to Wasmtime's untyped callback.</summary>
internal static class WasmtimeHostCallback
{
    private const int MaxStackArguments = 16;

    public static Function.UntypedCallbackDelegate Create(WasmHostFunction function)
    {
        var callback = function.Callback;
        var kinds = function.Parameters.ToArray();
        var result = function.Result;
        return (Caller caller, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results) =>
        {
            var instance = (WasmtimeInstance)caller.GetData()!;
            instance.ResolveMemory(caller);
            Span<long> values = arguments.Length <= MaxStackArguments ? stackalloc long[arguments.Length] : new long[arguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                values[i] = kinds[i] switch
                {
                    WasmValueKind.I32 => arguments[i].AsInt32(),
                    WasmValueKind.I64 => arguments[i].AsInt64(),
                    WasmValueKind.F32 => BitConverter.SingleToInt32Bits(arguments[i].AsSingle()),
                    WasmValueKind.F64 => BitConverter.DoubleToInt64Bits(arguments[i].AsDouble()),
                    _ => throw new WasmHostTrapException($"host functions do not take {kinds[i]} arguments"),
                };
            }

            var value = callback(instance, values);
            if (result is { } kind)
            {
                results[0] = kind switch
                {
                    WasmValueKind.I32 => (int)value,
                    WasmValueKind.I64 => value,
                    WasmValueKind.F32 => BitConverter.Int32BitsToSingle((int)value),
                    WasmValueKind.F64 => BitConverter.Int64BitsToDouble(value),
                    _ => throw new WasmHostTrapException($"host functions do not return {kind} values"),
                };
            }
        };
    }
}
