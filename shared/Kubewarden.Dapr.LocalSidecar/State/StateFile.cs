using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// The file holding one key of a disk store: a header (format version, original key, ETag) followed by the value's
/// bytes up to the end of the file. Files are written once and never changed in place.
/// </summary>
internal static class StateFile
{
    public const string Extension = ".state";
    private const int FormatVersion = 1;
    private const int BufferSize = 81920;

    /// <summary>
    /// The file name of a key: a hash, because keys may be longer than a file name or use any character; the key itself
    /// is kept in the header.
    /// </summary>
    public static string NameOf(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + Extension;

    /// <summary>Writes a new file and flushes it to the device.</summary>
    public static async Task WriteAsync(string path, string key, StoredState state, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                header.Write(FormatVersion);
                header.Write(key);
                header.Write(state.ETag);
            }

            await stream.WriteAsync(state.Value.Memory, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The key and ETag of a file, without reading its value.</summary>
    public static (string Key, string ETag) ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        return ReadHeader(stream, path);
    }

    public static async Task<StoredState> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var (_, etag) = ReadHeader(stream, path);
            var value = await ByteString.FromStreamAsync(stream, cancellationToken).ConfigureAwait(false);
            return new StoredState(value, etag);
        }
    }

    private static (string Key, string ETag) ReadHeader(Stream stream, string path)
    {
        using var header = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var version = header.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"State file '{path}' has format version {version}; this sidecar reads version {FormatVersion}.");
        }

        return (header.ReadString(), header.ReadString());
    }
}
