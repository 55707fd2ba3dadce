namespace Kubewarden.HostCapabilities.Replay;

/// <summary>A replay session file that cannot be used: unreadable, not YAML, or not a list of kwctl exchanges.</summary>
public sealed class ReplaySessionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplaySessionException()
    {
    }

    /// <summary>Creates the exception with a message that names the file, the entry and what was expected.</summary>
    public ReplaySessionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ReplaySessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
