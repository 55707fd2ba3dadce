namespace Kubewarden.Wasm;

/// <summary>A module could not be compiled.</summary>
public sealed class WasmCompileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmCompileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmCompileException()
        : this("module could not be compiled")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmCompileException(string message)
        : this(message, null)
    {
    }
}
