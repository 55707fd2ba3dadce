namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// A write or delete whose concurrency condition failed. The message is the one Dapr's state components give, which
/// daprd passes on inside its own.
/// </summary>
internal sealed class ETagMismatchException : Exception
{
    private const string Prefix = "possible etag mismatch. error from state store";

    private ETagMismatchException(string detail)
        : base($"{Prefix}: {detail}")
    {
    }

    public static ETagMismatchException AlreadyExists() => new("item already exists and no etag was passed");

    public static ETagMismatchException Absent(string key) => new($"state not exist or expired for key={key}");

    public static ETagMismatchException Stale(string key, string current, string expected) =>
        new($"state etag not match for key={key}: current={current}, expect={expected}");

    /// <summary>The error of a bulk operation whose items all failed on their ETags, worded as daprd words it.</summary>
    public static ETagMismatchException Joined(IEnumerable<ETagMismatchException> failures) =>
        new(string.Join('\n', failures.Select(failure => failure.Message)));
}
