using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// An OCI distribution v2 client for Kubewarden policies: pull a policy's Wasm layer to a file, push a module as a
/// policy artifact, and the low-level reads of any manifest or blob. Connections are reused per host; create one client
/// and share it.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    private readonly HostHttpClients _clients;
    private readonly RegistrySessionFactory _sessions;
    private readonly RegistryReader _reader;
    private readonly PolicyPuller _puller;
    private readonly PolicyPusher _pusher;

    /// <summary>Creates a client; reads the Docker config once.</summary>
    /// <param name="options">Sources, Docker config location and timeouts.</param>
    /// <param name="logger">Receives progress, timing and fallback logs.</param>
    public OciRegistryClient(OciClientOptions options, ILogger<OciRegistryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = new HostHttpClients(options.Sources, options.RequestTimeout);
        var credentials = DockerCredentialStore.Load(options.DockerConfigPath, logger);
        var authenticator = new RegistryAuthenticator(credentials, _clients, new BearerTokenCache(TimeProvider.System), logger);
        _sessions = new RegistrySessionFactory(new ProtocolFallback(_clients, logger), authenticator);
        _reader = new RegistryReader(logger);
        _puller = new PolicyPuller(_sessions, _reader, logger);
        _pusher = new PolicyPusher(_sessions, logger);
    }

    /// <summary>
    /// Pulls the policy's Wasm layer to <paramref name="destinationPath"/>. The manifest digest is checked against a pinned
    /// reference and the layer against the manifest; on any mismatch nothing is written.
    /// </summary>
    /// <param name="reference">The policy reference.</param>
    /// <param name="destinationPath">The file to write (replaced when it exists; its directory is created).</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <returns>The digests, size and annotations.</returns>
    /// <exception cref="OciDigestMismatchException">The manifest or the layer does not match its digest.</exception>
    /// <exception cref="OciNotFoundException">The registry has no such manifest or layer.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials, or their absence.</exception>
    /// <exception cref="OciRegistryException">The registry is unreachable, lacks the policy, or sent a non-policy artifact.</exception>
    public Task<OciPullResult> PullToFileAsync(OciReference reference, string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        return _puller.PullToFileAsync(reference, destinationPath, cancellationToken);
    }

    /// <summary>
    /// Pushes <paramref name="module"/> as a policy artifact (config <c>{}</c>, one Wasm layer, annotations from the
    /// module's metadata) under the reference's tag.
    /// </summary>
    /// <param name="reference">The target; must have a tag.</param>
    /// <param name="module">The WebAssembly module.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>The immutable reference <c>host/repo@sha256:…</c> of the pushed manifest.</returns>
    /// <exception cref="ArgumentException">The reference has no tag, or the module is not valid WebAssembly.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials, or their absence.</exception>
    /// <exception cref="OciRegistryException">The registry is unreachable or refused the upload.</exception>
    public Task<string> PushAsync(OciReference reference, ReadOnlyMemory<byte> module, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _pusher.PushAsync(reference, module, cancellationToken);
    }

    /// <summary>
    /// Fetches the manifest (or index) <paramref name="reference"/> names, by tag or by digest, as the registry serves it.
    /// </summary>
    /// <param name="reference">The manifest; when pinned by digest the bytes received must hash to it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The digest computed from the bytes, the announced media type and the bytes.</returns>
    /// <exception cref="OciNotFoundException">The registry has no such manifest.</exception>
    /// <exception cref="OciDigestMismatchException">The manifest does not hash to the pinned digest.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials, or their absence.</exception>
    /// <exception cref="OciRegistryException">The registry is unreachable or answered with an error.</exception>
    public async Task<OciManifestContent> GetManifestAsync(OciReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var session = await _sessions.OpenAsync(reference, "pull", cancellationToken).ConfigureAwait(false);
        return await _reader.FetchManifestAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens blob <paramref name="digest"/> of the reference's repository for reading. The bytes are not verified: the
    /// caller hashes them against the digest. Disposing the stream releases the connection.
    /// </summary>
    /// <param name="reference">The repository (its tag or digest is ignored).</param>
    /// <param name="digest">The blob digest, <c>sha256:…</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response body, streamed from the registry.</returns>
    /// <exception cref="OciNotFoundException">The registry has no such blob.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials, or their absence.</exception>
    /// <exception cref="OciRegistryException">The registry is unreachable or answered with an error.</exception>
    public async Task<Stream> OpenBlobAsync(OciReference reference, string digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrEmpty(digest);
        var session = await _sessions.OpenAsync(reference, "pull", cancellationToken).ConfigureAwait(false);
        var response = await RegistryReader.GetBlobAsync(session, digest, $"fetching blob {digest} of registry://{reference}", cancellationToken)
            .ConfigureAwait(false);
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _clients.Dispose();
}
