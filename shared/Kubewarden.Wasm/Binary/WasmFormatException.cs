namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Thrown when a WebAssembly binary is malformed: the message says what is wrong and at which byte offset.
/// </summary>
public sealed class WasmFormatException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public WasmFormatException()
        : base("malformed WebAssembly module")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What is wrong with the module.</param>
    public WasmFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">What is wrong with the module.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WasmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a problem found at a byte offset of the module.</summary>
    /// <param name="message">What is wrong with the module; it should already name the offset.</param>
    /// <param name="offset">The byte offset in the module where the problem was found.</param>
    public WasmFormatException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    /// <summary>Creates an exception for a problem found at a byte offset of the module, with its cause.</summary>
    /// <param name="message">What is wrong with the module; it should already name the offset.</param>
    /// <param name="offset">The byte offset in the module where the problem was found.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WasmFormatException(string message, long offset, Exception innerException)
        : base(message, innerException)
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the module where the problem was found, when known.</summary>
    public long? Offset { get; }
}
