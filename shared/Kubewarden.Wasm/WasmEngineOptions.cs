namespace Kubewarden.Wasm;

/// <summary>Settings shared by every engine.</summary>
public sealed record WasmEngineOptions
{
    /// <summary>Folder of precompiled artifacts; null disables the on-disk cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The largest linear memory any instance may have, in bytes (engines may reserve address space for it).
    /// Default 4 GiB, the wasm32 limit.
    /// </summary>
    public long MaxMemoryBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// How many instances may be alive at once; engines with an instance pool size it from this. Default 256, far above
    /// the number of concurrent evaluations a policy-server runs.
    /// </summary>
    public int MaxConcurrentInstances { get; init; } = 256;
}
