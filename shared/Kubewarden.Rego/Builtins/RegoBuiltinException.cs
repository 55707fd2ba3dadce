namespace Kubewarden.Rego.Builtins;

/// <summary>A builtin refused its arguments or failed; the evaluation that called it traps with this message.</summary>
public sealed class RegoBuiltinException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegoBuiltinException()
    {
    }

    /// <summary>Creates the exception with the message the evaluation reports.</summary>
    public RegoBuiltinException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message the evaluation reports and its cause.</summary>
    public RegoBuiltinException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
