using System.Security.Cryptography;
using System.Text.Json;
using Kubewarden.Oci;

namespace Kubewarden.PolicyServer.Fetching;

/// <summary>
/// The local module store under <c>--policies-download-dir</c>: each module is kept once, named by its digest
/// (<c>sha256/&lt;hex&gt;.wasm</c>), and an index maps each fetched reference to the digest it gave
/// (<c>refs/&lt;sha256 of the reference&gt;.json</c>), so a restart reuses modules without fetching them again.
/// Every file appears whole (written beside, then renamed); a stored module whose bytes no longer match its name is
/// discarded.
/// </summary>
internal sealed partial class ModuleStore(string root, ILogger<ModuleStore> logger)
{
    private readonly string _blobs = Path.Combine(root, "sha256");
    private readonly string _refs = Path.Combine(root, "refs");
    private readonly string _incoming = Path.Combine(root, "incoming");

    /// <summary>A fresh path under the store for a download in progress; pass it to <see cref="AddAsync"/> afterwards.</summary>
    public string NewIncomingPath()
    {
        Directory.CreateDirectory(_incoming);
        return Path.Combine(_incoming, $"{Guid.NewGuid():N}.wasm");
    }

    /// <summary>The module recorded for <paramref name="reference"/>, or null when it was never stored (or is damaged).</summary>
    public async Task<StoredModule?> TryGetAsync(string reference, CancellationToken cancellationToken)
    {
        var indexPath = IndexPath(reference);
        if (!File.Exists(indexPath))
        {
            return null;
        }

        IndexRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false), FetchingJsonContext.Default.IndexRecord);
        }
        catch (JsonException e)
        {
            LogDamaged(logger, indexPath, e.Message);
            return null;
        }

        if (record is null || record.Reference != reference || !OciDigest.IsSha256(record.Digest))
        {
            LogDamaged(logger, indexPath, "the record does not name this reference and a sha256 digest");
            return null;
        }

        return await TryReadAsync(record.Digest, cancellationToken).ConfigureAwait(false) is { } bytes
            ? new StoredModule(record.Digest, bytes)
            : null;
    }

    /// <summary>
    /// Moves a finished download into the store under its digest (keeping the copy already there, if any) and records
    /// that <paramref name="reference"/> gave it.
    /// </summary>
    public async Task<StoredModule> AddAsync(string reference, string incomingPath, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(incomingPath, cancellationToken).ConfigureAwait(false);
        var digest = OciDigest.Of(bytes);
        Directory.CreateDirectory(_blobs);
        File.Move(incomingPath, BlobPath(digest), overwrite: true);
        await WriteIndexAsync(new IndexRecord(reference, digest), cancellationToken).ConfigureAwait(false);
        return new StoredModule(digest, bytes);
    }

    private async Task<byte[]?> TryReadAsync(string digest, CancellationToken cancellationToken)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        if (OciDigest.Of(bytes) == digest)
        {
            return bytes;
        }

        LogDamaged(logger, path, "its content does not match its digest; it is deleted and fetched again");
        File.Delete(path);
        return null;
    }

    private async Task WriteIndexAsync(IndexRecord record, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_refs);
        var path = IndexPath(record.Reference);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(record, FetchingJsonContext.Default.IndexRecord), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string BlobPath(string digest) => Path.Combine(_blobs, digest[OciDigest.Sha256Prefix.Length..] + ".wasm");

    private string IndexPath(string reference) =>
        Path.Combine(_refs, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reference))) + ".json");

    [LoggerMessage(EventId = PolicyServerEventIds.StoreEntryDamaged, EventName = nameof(PolicyServerEventIds.StoreEntryDamaged), Level = LogLevel.Warning,
        Message = "Ignoring the damaged module store file {Path}: {Reason}")]
    private static partial void LogDamaged(ILogger logger, string path, string reason);
}

/// <summary>A module from the store and its digest.</summary>
internal sealed record StoredModule(string Digest, byte[] Bytes);

/// <summary>One line of the store's index: a reference and the digest of the module it gave.</summary>
internal sealed record IndexRecord(string Reference, string Digest);
