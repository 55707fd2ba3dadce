namespace Kubewarden.Wasm;

/// <summary>Thrown by a host function (WASI <c>proc_exit</c>) to unwind the guest with an exit code.</summary>
public sealed class WasmExitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmExitException(int exitCode)
        : base($"guest exited with code {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception.</summary>
    public WasmExitException()
        : this(0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }
}
