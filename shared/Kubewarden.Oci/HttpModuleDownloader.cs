using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Downloads a policy module from an <c>https://</c> URL (or <c>http://</c> for insecure sources) with the same protocol
/// fallback and trust settings as registries, and checks that it is a WebAssembly module.
/// </summary>
public sealed class HttpModuleDownloader : IDisposable
{
    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6D];

    private readonly HostHttpClients _clients;
    private readonly ProtocolFallback _fallback;
    private readonly ILogger _logger;

    /// <summary>Creates a downloader.</summary>
    /// <param name="options">Sources and timeouts (Docker credentials are not used for plain HTTP downloads).</param>
    /// <param name="logger">Receives fallback and timing logs.</param>
    public HttpModuleDownloader(OciClientOptions options, ILogger<HttpModuleDownloader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = new HostHttpClients(options.Sources, options.RequestTimeout);
        _fallback = new ProtocolFallback(_clients, logger);
        _logger = logger;
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destinationPath"/>; the file appears only if the body starts
    /// with the WebAssembly magic bytes.
    /// </summary>
    /// <param name="url">An <c>https://</c> or <c>http://</c> URL.</param>
    /// <param name="destinationPath">The file to write (replaced when it exists; its directory is created).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="OciRegistryException">The host is unreachable, or the body is not a WebAssembly module.</exception>
    public Task<long> DownloadAsync(Uri url, string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"{url} is not an http:// or https:// URL", nameof(url));
        }

        return _fallback.RunAsync(url.Authority, url.PathAndQuery, url.Scheme == Uri.UriSchemeHttps,
            (endpoint, ct) => DownloadFromAsync(endpoint.Client, endpoint.Resolve(url.PathAndQuery), url, destinationPath, ct), cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _clients.Dispose();

    private async Task<long> DownloadFromAsync(HttpClient client, Uri requestUri, Uri url, string destinationPath, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(requestUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        Directory.CreateDirectory(directory);
        var partialPath = Path.Combine(directory, $".{Path.GetFileName(destinationPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            long size;
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var file = new FileStream(partialPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var magic = new byte[WasmMagic.Length];
                    var read = await body.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read < magic.Length || !magic.AsSpan().SequenceEqual(WasmMagic))
                    {
                        throw new OciRegistryException(
                            $"{url} is not a WebAssembly module: the body ({requestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}) does not start with the magic bytes 00 61 73 6D")
                        {
                            IsTransient = RegistrySession.IsTransientStatus(response.StatusCode),
                        };
                    }

                    await file.WriteAsync(magic, cancellationToken).ConfigureAwait(false);
                    await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    size = file.Length;
                }
            }

            File.Move(partialPath, destinationPath, overwrite: true);
            _logger.ModuleDownloaded(url, size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return size;
        }
        finally
        {
            File.Delete(partialPath);
        }
    }
}
