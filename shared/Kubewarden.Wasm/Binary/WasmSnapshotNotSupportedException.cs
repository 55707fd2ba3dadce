namespace Kubewarden.Wasm.Binary;

/// <summary>
/// Thrown when a well-formed module cannot be snapshotted after initialisation
/// (imported or multiple memories, memory64, reference-typed globals, unsupported constant expressions...).
/// </summary>
public sealed class WasmSnapshotNotSupportedException : Exception
{
    /// <summary>Creates an exception with a default reason.</summary>
    public WasmSnapshotNotSupportedException()
        : base("the module cannot be snapshotted")
    {
    }

    /// <summary>Creates an exception with the reason why the module cannot be snapshotted.</summary>
    /// <param name="reason">Why the module cannot be snapshotted.</param>
    public WasmSnapshotNotSupportedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates an exception with a reason and an inner exception.</summary>
    /// <param name="reason">Why the module cannot be snapshotted.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WasmSnapshotNotSupportedException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>Why the module cannot be snapshotted.</summary>
    public string Reason => Message;
}
