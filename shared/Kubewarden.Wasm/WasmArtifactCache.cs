using System.Security.Cryptography;

namespace Kubewarden.Wasm;

/// <summary>
/// Precompiled modules on disk, one file per (engine version, module digest). Writes go through a temporary file and
/// a rename, so a reader never sees half an artifact and concurrent writers of the same key are harmless.
/// </summary>
public sealed class WasmArtifactCache
{
    private readonly string _directory;

    /// <summary>Creates a cache rooted at <paramref name="directory"/> (created on first write).</summary>
    public WasmArtifactCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
    }

    /// <summary>The cache folder.</summary>
    public string Directory => _directory;

    /// <summary>SHA-256 of <paramref name="module"/>, lowercase hex: the module digest.</summary>
    public static string ComputeDigest(ReadOnlySpan<byte> module) => Convert.ToHexStringLower(SHA256.HashData(module));

    /// <summary>The artifact stored for this engine version and digest, or null.</summary>
    public byte[]? TryRead(string engineVersion, string digest)
    {
        var path = PathFor(engineVersion, digest);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stores an artifact, replacing any previous one.</summary>
    public void Write(string engineVersion, string digest, ReadOnlySpan<byte> artifact)
    {
        var path = PathFor(engineVersion, digest);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, artifact);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes a stored artifact (e.g. one the engine refused to load).</summary>
    public void Remove(string engineVersion, string digest)
    {
        var path = PathFor(engineVersion, digest);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private string PathFor(string engineVersion, string digest)
    {
        foreach (var c in Path.GetInvalidFileNameChars())
        {
            engineVersion = engineVersion.Replace(c, '_');
        }

        return Path.Combine(_directory, engineVersion, digest + ".bin");
    }
}
