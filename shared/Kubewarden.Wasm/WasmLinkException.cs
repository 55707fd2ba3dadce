namespace Kubewarden.Wasm;

/// <summary>A module could not be linked: an import is missing or has another signature.</summary>
public sealed class WasmLinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmLinkException()
        : this("module could not be linked")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string message)
        : this(message, null)
    {
    }
}
