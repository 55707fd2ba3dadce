namespace Kubewarden.Wasm;

/// <summary>Thrown by a host function to trap the calling guest.</summary>
public class WasmHostTrapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmHostTrapException(string message, WasmTrapKind kind = WasmTrapKind.Host)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates the exception.</summary>
    public WasmHostTrapException()
        : this("host function trapped")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmHostTrapException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = WasmTrapKind.Host;
    }

    /// <summary>The trap kind reported for the guest.</summary>
    public WasmTrapKind Kind { get; }
}
