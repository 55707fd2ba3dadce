using System.Buffers;
using System.Security.Cryptography;
using Dapr.Client;
using Microsoft.Extensions.Logging;

namespace Kubewarden.RegistryCache.Storage;

/// <summary>
/// Content-addressed storage of blobs and manifests in a Dapr state store, shared by every replica. Bytes are split in
/// entries of at most <see cref="ChunkBytes"/> (Dapr's default message limit is 4 MiB; policies are several MB), written
/// before the descriptor; the descriptor is written first-write-wins, so content is visible only once complete and two
/// replicas storing the same digest both succeed, one of them writing it.
/// </summary>
internal sealed partial class DaprContentStore(DaprClient dapr, string storeName, ILogger<DaprContentStore> logger, int chunkBytes = DaprContentStore.DefaultChunkBytes)
{
    /// <summary>1 MiB: well under Dapr's 4 MiB default gRPC message size.</summary>
    public const int DefaultChunkBytes = 1024 * 1024;

    public int ChunkBytes => chunkBytes;

    /// <summary>The descriptor of <paramref name="digest"/>, or null when the store does not have it (complete).</summary>
    public Task<ContentDescriptor?> FindAsync(string digest, CancellationToken cancellationToken) =>
        dapr.GetStateAsync<ContentDescriptor?>(storeName, DescriptorKey(digest), cancellationToken: cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="digest"/>, verifying it hashes to that digest.
    /// </summary>
    /// <returns>The descriptor; when another writer stored the digest first, theirs.</returns>
    /// <exception cref="ContentDigestMismatchException">The content does not match the digest; nothing is kept.</exception>
    public async Task<ContentDescriptor> StoreAsync(string digest, string mediaType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var chunks = 0;
        long size = 0;
        try
        {
            while (await ReadChunkAsync(content, buffer, cancellationToken).ConfigureAwait(false) is var read and > 0)
            {
                hash.AppendData(buffer, 0, read);
                await dapr.SaveByteStateAsync(storeName, ChunkKey(digest, chunks), buffer.AsMemory(0, read), cancellationToken: cancellationToken).ConfigureAwait(false);
                chunks++;
                size += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var actual = $"sha256:{Convert.ToHexStringLower(hash.GetHashAndReset())}";
        if (!string.Equals(actual, digest, StringComparison.Ordinal))
        {
            await DeleteChunksAsync(digest, chunks, cancellationToken).ConfigureAwait(false);
            throw new ContentDigestMismatchException(digest, actual);
        }

        var descriptor = new ContentDescriptor(digest, mediaType, size, chunks);
        var first = await dapr.TrySaveStateAsync(
            storeName, DescriptorKey(digest), descriptor, etag: string.Empty, new StateOptions { Concurrency = ConcurrencyMode.FirstWrite },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        LogStored(logger, digest, size, chunks, first);
        return first ? descriptor : await FindAsync(digest, cancellationToken).ConfigureAwait(false) ?? descriptor;
    }

    /// <summary>Writes the bytes of stored content to <paramref name="destination"/>, chunk by chunk.</summary>
    public async Task CopyToAsync(ContentDescriptor descriptor, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(destination);
        for (var chunk = 0; chunk < descriptor.Chunks; chunk++)
        {
            var bytes = await dapr.GetByteStateAsync(storeName, ChunkKey(descriptor.Digest, chunk), cancellationToken: cancellationToken).ConfigureAwait(false);
            await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DescriptorKey(string digest) => $"content/{digest}";

    private static string ChunkKey(string digest, int chunk) => $"content/{digest}/{chunk}";

    private async Task DeleteChunksAsync(string digest, int chunks, CancellationToken cancellationToken)
    {
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            await dapr.DeleteStateAsync(storeName, ChunkKey(digest, chunk), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> ReadChunkAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < chunkBytes && await content.ReadAsync(buffer.AsMemory(filled, chunkBytes - filled), cancellationToken).ConfigureAwait(false) is var read and > 0)
        {
            filled += read;
        }

        return filled;
    }

    [LoggerMessage(EventId = 8000, EventName = "ContentStored", Level = LogLevel.Information,
        Message = "Stored {Digest} ({Size} bytes in {Chunks} state entries); first writer: {FirstWriter}")]
    private static partial void LogStored(ILogger logger, string digest, long size, int chunks, bool firstWriter);
}
