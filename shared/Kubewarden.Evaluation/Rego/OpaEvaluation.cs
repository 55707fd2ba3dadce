namespace Kubewarden.Evaluation.Rego;

/// <summary>The outcome of one OPA evaluation: the result set as JSON, or what went wrong.</summary>
/// <param name="ResultSet">The JSON result set (<c>[{"result": ...}]</c>) when the evaluation completed.</param>
/// <param name="Error">Why it did not, worded as Kubewarden's burrego errors.</param>
/// <param name="TimedOut">Whether the deadline stopped it.</param>
public sealed record OpaEvaluation(byte[]? ResultSet, string? Error, bool TimedOut)
{
    /// <summary>A completed evaluation.</summary>
    public static OpaEvaluation Succeeded(byte[] resultSet) => new(resultSet, null, false);

    /// <summary>A failed evaluation.</summary>
    public static OpaEvaluation Failed(string error, bool timedOut) => new(null, error, timedOut);
}
