using Wasmtime;

namespace Kubewarden.Wasm.Wasmtime;

/// <summary>An exported function's signature, computed once per module rather than once per instance.</summary>
internal sealed class WasmtimeSignature
{
    public WasmtimeSignature(FunctionExport export)
    {
        NativeParameters = export.Parameters.ToArray();
        Parameters = NativeParameters.Select(WasmtimeValues.FromNative).ToArray();
        Results = export.Results.Select(WasmtimeValues.FromNative).ToArray();
    }

    public ValueKind[] NativeParameters { get; }

    public WasmValueKind[] Parameters { get; }

    public WasmValueKind[] Results { get; }
}
