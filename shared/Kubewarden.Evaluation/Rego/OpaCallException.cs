using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Rego;

/// <summary>A call into an OPA module trapped or answered something unusable.</summary>
internal sealed class OpaCallException : Exception
{
    public OpaCallException(string message, WasmTrap? trap = null)
        : base(message)
    {
        Trap = trap;
    }

    public OpaCallException()
    {
    }

    public OpaCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The trap behind the failure, when the guest trapped.</summary>
    public WasmTrap? Trap { get; }

    public bool TimedOut => Trap?.Kind == WasmTrapKind.Interrupted;
}
