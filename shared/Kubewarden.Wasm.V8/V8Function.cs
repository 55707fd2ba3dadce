using Kubewarden.Wasm.Binary;
using Microsoft.ClearScript;

namespace Kubewarden.Wasm.V8;

/// <summary>An exported function; a call holds its isolate with the instance's deadline armed.</summary>
internal sealed class V8Function(V8Instance instance, ScriptObject function, WasmExportSignature signature) : IWasmFunction, IDisposable
{
    private readonly WasmValueKind[] _parameters = [.. signature.Parameters];

    public IReadOnlyList<WasmValueKind> Parameters => _parameters;

    public IReadOnlyList<WasmValueKind> Results => signature.Results;

    public WasmCallResult Call(ReadOnlySpan<long> arguments)
    {
        if (arguments.Length != _parameters.Length)
        {
            throw new ArgumentException($"the function takes {_parameters.Length} arguments, {arguments.Length} were given", nameof(arguments));
        }

        var boxed = new object[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            boxed[i] = V8Values.ToScript(_parameters[i], arguments[i]);
        }

        return instance.Isolate.Run(
            instance,
            () =>
            {
                var result = function.Invoke(false, boxed);
                return WasmCallResult.Success(signature.Results.Count == 0 ? 0 : V8Values.FromScript(signature.Results[0], result));
            },
            WasmCallResult.Failure);
    }

    public void Dispose() => function.Dispose();
}
