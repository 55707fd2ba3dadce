namespace Kubewarden.Evaluation.Snapshot;

/// <summary>
/// Post-initialisation snapshots kept on disk by the digest of the module they were made from and the engine that made
/// them. A module's initialisation may draw random numbers (TinyGo seeds its runtime), so two snapshots of one module
/// differ byte for byte; reusing the stored one after a restart keeps its digest, and so its precompiled artifact.
/// </summary>
internal sealed class SnapshotFiles(string? directory, string engine)
{
    /// <summary>The stored snapshot of <paramref name="moduleDigest"/>, or null.</summary>
    public byte[]? TryRead(string moduleDigest)
    {
        if (directory is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(PathOf(moduleDigest));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores a snapshot; a directory that cannot be written only costs the next start a new snapshot.</summary>
    public void TryWrite(string moduleDigest, byte[] snapshot)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            var temporary = $"{PathOf(moduleDigest)}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, snapshot);
            File.Move(temporary, PathOf(moduleDigest), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Snapshots are an optimisation; the module still serves.
        }
    }

    private string PathOf(string moduleDigest) => Path.Combine(directory!, $"{moduleDigest}.{engine}.snapshot.wasm");
}
