namespace Kubewarden.PolicyServer.Configuration;

/// <summary>The <c>--engine</c> values: the WebAssembly engine that runs policies.</summary>
public enum PolicyServerEngine
{
    /// <summary>Wasmtime (<c>wasmtime</c>), the same engine as Kubewarden.</summary>
    Wasmtime,

    /// <summary>V8 through Microsoft.ClearScript.V8.</summary>
    V8,
}
