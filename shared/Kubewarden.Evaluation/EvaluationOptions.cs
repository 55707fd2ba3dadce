namespace Kubewarden.Evaluation;

/// <summary>Evaluation settings shared by every policy of a server.</summary>
public sealed record EvaluationOptions
{
    /// <summary>One mebibyte.</summary>
    public const long Mebibyte = 1024 * 1024;

    /// <summary>Deadline of a policy without its own (<c>--policy-timeout</c>, default 2 s); null disables timeouts.</summary>
    public TimeSpan? DefaultTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Linear-memory cap per instance (<c>--max-policy-memory-mib</c>, default 1 GiB); null = none, as Kubewarden.
    /// Past it <c>memory.grow</c> returns −1.
    /// </summary>
    public long? MaxMemoryBytes { get; init; } = 1024 * Mebibyte;

    /// <summary>Whether waPC modules are snapshotted after initialisation (on by default; off = init per evaluation).</summary>
    public bool SnapshotInitializedModules { get; init; } = true;

    /// <summary>
    /// Fresh instances of each snapshotted module kept ready, created in the background so that an evaluation only
    /// pays for its call (default 1; 0 = create every instance on the request path). Each is used once.
    /// </summary>
    public int PreparedInstancesPerModule { get; init; } = 1;

    /// <summary>
    /// Where post-initialisation snapshots are kept between restarts (e.g. beside the precompiled artifacts); null makes
    /// a new snapshot at every start.
    /// </summary>
    public string? SnapshotDirectory { get; init; }

    /// <summary>Builds options from the command-line style values (<c>0</c> MiB = no cap).</summary>
    public static long? MemoryCapFromMebibytes(long mebibytes) => mebibytes switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(mebibytes), mebibytes, "--max-policy-memory-mib must be 0 (no cap) or a positive number of MiB"),
        0 => null,
        _ => mebibytes * Mebibyte,
    };
}
