using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

internal sealed class WasmtimeFunction : IWasmFunction
{
    private readonly Function _function;
    private readonly ValueKind[] _parameterKinds;

    // Reused between calls: an instance serves one evaluation on one thread, and Invoke reads the arguments before the
    // guest runs, so a host function re-entering the same export (OPA builtins do) cannot disturb them.
    private readonly ValueBox[] _arguments;

    public WasmtimeFunction(Function function, WasmtimeSignature signature)
    {
        _function = function;
        _parameterKinds = signature.NativeParameters;
        _arguments = new ValueBox[_parameterKinds.Length];
        Parameters = signature.Parameters;
        Results = signature.Results;
    }

    public IReadOnlyList<WasmValueKind> Parameters { get; }

    public IReadOnlyList<WasmValueKind> Results { get; }

    public WasmCallResult Call(ReadOnlySpan<long> arguments)
    {
        if (arguments.Length != _parameterKinds.Length)
        {
            throw new ArgumentException(
                $"the function takes {_parameterKinds.Length} arguments, {arguments.Length} were given", nameof(arguments));
        }

        var boxes = _arguments;
        for (var i = 0; i < arguments.Length; i++)
        {
            boxes[i] = _parameterKinds[i] switch
            {
                ValueKind.Int32 => (int)arguments[i],
                ValueKind.Int64 => arguments[i],
                ValueKind.Float32 => BitConverter.Int32BitsToSingle((int)arguments[i]),
                ValueKind.Float64 => BitConverter.Int64BitsToDouble(arguments[i]),
                _ => throw new ArgumentException($"parameter {i} has type {_parameterKinds[i]}, which cannot be passed", nameof(arguments)),
            };
        }

        try
        {
            return WasmCallResult.Success(_function.Invoke(boxes) switch
            {
                int i => i,
                long l => l,
                float f => BitConverter.SingleToInt32Bits(f),
                double d => BitConverter.DoubleToInt64Bits(d),
                _ => 0,
            });
        }
        catch (WasmtimeException e)
        {
            return WasmCallResult.Failure(WasmtimeTraps.From(e));
        }
    }
}
