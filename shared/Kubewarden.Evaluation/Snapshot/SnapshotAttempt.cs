namespace Kubewarden.Evaluation.Snapshot;

/// <summary>A snapshot module, or why none could be made.</summary>
internal readonly record struct SnapshotAttempt(byte[]? Module, string? Reason)
{
    public static SnapshotAttempt Created(byte[] module) => new(module, null);

    public static SnapshotAttempt Unavailable(string reason) => new(null, reason);
}
