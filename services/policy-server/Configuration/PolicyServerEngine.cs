namespace Kubewarden.PolicyServer.Configuration;

/// <summary>The <c>--engine</c> values: the WebAssembly engine that runs policies.</summary>
public enum PolicyServerEngine
{
    /// <summary>Wasmtime (<c>wasmtime</c>), the same engine as Kubewarden.</summary>
    Wasmtime,
}
