using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Hosting.Tls;

/// <summary>
/// Holds the current TLS server certificate and client CA collection and keeps them up to date
/// when the underlying files change, without restarting the server.
/// </summary>
/// <remarks>
/// <para>
/// The directories containing the files are watched (not the files themselves), so atomic
/// replacements and Kubernetes Secret volume updates (which swap a <c>..data</c> symlink) are
/// seen. Any change in a watched directory schedules a reload, debounced (200 ms by default).
/// </para>
/// <para>
/// The server certificate is replaced only when the certificate and key files load as a
/// matching pair (Kubewarden waits for both files to change; requiring a matching pair is the
/// equivalent). The client CAs are reloaded independently. A failed reload logs a warning and
/// keeps the previous material. Replaced certificates are not disposed, because handshakes in
/// progress may still use them; they are left to the garbage collector.
/// </para>
/// </remarks>
public sealed class TlsCertificateReloader : IDisposable
{
    /// <summary>Default delay between the last file-system event and the reload.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(200);

    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly IReadOnlyList<string>? _clientCaFiles;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly List<FileSystemWatcher> _watchers = [];

    private volatile X509Certificate2 _serverCertificate;
    private volatile X509Certificate2Collection? _clientAuthorities;
    private byte[] _serverHash;
    private byte[]? _clientCaHash;
    private string? _lastServerFailure;
    private string? _lastClientCaFailure;
    private long _version;
    private bool _disposed;

    /// <summary>
    /// Loads the TLS material (failing if it is invalid) and, when <paramref name="watch"/> is
    /// true, starts watching the files for changes.
    /// </summary>
    /// <param name="certFile">PEM file with exactly one certificate (<c>--cert-file</c>).</param>
    /// <param name="keyFile">PEM file with exactly one private key (<c>--key-file</c>).</param>
    /// <param name="clientCaFiles">PEM CA files for mandatory mTLS (<c>--client-ca-file</c>), or null for no client authentication.</param>
    /// <param name="logger">Logger for reload messages; null for none.</param>
    /// <param name="debounce">Delay after the last change before reloading; defaults to <see cref="DefaultDebounce"/>.</param>
    /// <param name="watch">Whether to watch the files; when false, only <see cref="ReloadNow"/> reloads.</param>
    /// <exception cref="TlsConfigurationException">The initial material cannot be loaded.</exception>
    public TlsCertificateReloader(
        string certFile,
        string keyFile,
        IReadOnlyList<string>? clientCaFiles = null,
        ILogger? logger = null,
        TimeSpan? debounce = null,
        bool watch = true)
    {
        ArgumentNullException.ThrowIfNull(certFile);
        ArgumentNullException.ThrowIfNull(keyFile);
        _certFile = certFile;
        _keyFile = keyFile;
        _clientCaFiles = clientCaFiles is null ? null : [.. clientCaFiles];
        _logger = logger ?? NullLogger.Instance;
        _debounce = debounce ?? DefaultDebounce;

        var (certText, keyText) = (PemFile.ReadText(certFile), PemFile.ReadText(keyFile));
        _serverCertificate = ServerCertificateFiles.LoadFromPem(certFile, certText, keyFile, keyText);
        _serverHash = Hash(certText, keyText);

        if (_clientCaFiles is not null)
        {
            var caContents = ReadAll(_clientCaFiles);
            _clientAuthorities = ClientCertificateAuthorities.LoadFromPem(caContents);
            _clientCaHash = Hash(caContents);
        }

        _timer = new Timer(static state => ((TlsCertificateReloader)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        if (watch)
        {
            StartWatching();
        }
    }

    /// <summary>Raised after each successful reload that changed the material.</summary>
    public event EventHandler<TlsReloadedEventArgs>? Reloaded;

    /// <summary>The current server certificate (with private key).</summary>
    public X509Certificate2 ServerCertificate => _serverCertificate;

    /// <summary>The current client CAs, or null when client authentication is not configured.</summary>
    public X509Certificate2Collection? ClientAuthorities => _clientAuthorities;

    /// <summary>
    /// Incremented after each successful reload (0 after the initial load). The new material is
    /// published before the increment, so once a new value is observed, new connections get it.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Re-reads the files now (normally done automatically when they change). Failures are
    /// logged and keep the previous material.
    /// </summary>
    /// <returns>True when new material was installed.</returns>
    public bool ReloadNow()
    {
        TlsReloadedEventArgs? args;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            args = ReloadCore();
        }

        if (args is not null)
        {
            Reloaded?.Invoke(this, args);
        }

        return args is not null;
    }

    /// <summary>
    /// Validates a client certificate against the current client CAs: the chain must build to
    /// one of them (custom root trust, no revocation checks, client-auth usage when the
    /// certificate restricts its extended key usage).
    /// </summary>
    /// <param name="certificate">The certificate the client presented.</param>
    /// <param name="presentedChain">The chain built by the TLS stack, whose extra store holds intermediates the client sent; may be null.</param>
    /// <returns>True when the certificate is trusted; false otherwise or when no client CAs are configured.</returns>
    public bool ValidateClientCertificate(X509Certificate2 certificate, X509Chain? presentedChain)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var authorities = _clientAuthorities;
        if (authorities is null || authorities.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(authorities);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationFlags = X509VerificationFlags.NoFlag;
        policy.DisableCertificateDownloads = true;
        policy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // id-kp-clientAuth
        if (presentedChain is not null)
        {
            policy.ExtraStore.AddRange(presentedChain.ChainPolicy.ExtraStore);
        }

        return chain.Build(certificate);
    }

    /// <summary>Stops watching the files.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }

    private void StartWatching()
    {
        var files = new List<string> { _certFile, _keyFile };
        if (_clientCaFiles is not null)
        {
            files.AddRange(_clientCaFiles);
        }

        var directories = files
            .Select(f => Path.GetDirectoryName(Path.GetFullPath(f)) ?? Path.GetPathRoot(Path.GetFullPath(f))!)
            .Distinct(StringComparer.Ordinal);

        try
        {
            foreach (var directory in directories)
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                        | NotifyFilters.Size | NotifyFilters.CreationTime | NotifyFilters.Attributes,
                };
                watcher.Changed += OnChanged;
                watcher.Created += OnChanged;
                watcher.Deleted += OnChanged;
                watcher.Renamed += OnChanged;
                watcher.Error += OnError;
                _watchers.Add(watcher);
                watcher.EnableRaisingEvents = true;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Schedule();

    private void OnError(object sender, ErrorEventArgs e)
    {
        TlsLog.WatcherError(_logger, ((FileSystemWatcher)sender).Path, e.GetException().Message);
        Schedule();
    }

    private void Schedule()
    {
        try
        {
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently; nothing to do.
        }
    }

    private void OnTimer()
    {
        TlsReloadedEventArgs? args;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            args = ReloadCore();
        }

        if (args is not null)
        {
            Reloaded?.Invoke(this, args);
        }
    }

    private TlsReloadedEventArgs? ReloadCore()
    {
        var serverChanged = ReloadServerCertificate();
        var clientChanged = ReloadClientAuthorities();
        if (!serverChanged && !clientChanged)
        {
            return null;
        }

        var version = Interlocked.Increment(ref _version);
        return new TlsReloadedEventArgs(version, serverChanged, clientChanged);
    }

    private bool ReloadServerCertificate()
    {
        try
        {
            var certText = PemFile.ReadText(_certFile);
            var keyText = PemFile.ReadText(_keyFile);
            var hash = Hash(certText, keyText);
            if (hash.AsSpan().SequenceEqual(_serverHash))
            {
                _lastServerFailure = null;
                return false;
            }

            var certificate = ServerCertificateFiles.LoadFromPem(_certFile, certText, _keyFile, keyText);
            _serverCertificate = certificate;
            _serverHash = hash;
            _lastServerFailure = null;
            TlsLog.ServerCertificateReloaded(_logger, certificate.Subject, certificate.NotAfter.ToUniversalTime());
            return true;
        }
        catch (TlsConfigurationException ex)
        {
            ReportFailure(ref _lastServerFailure, ex.FilePath ?? _certFile, ex.Message);
            return false;
        }
        catch (CryptographicException ex)
        {
            ReportFailure(ref _lastServerFailure, _certFile, ex.Message);
            return false;
        }
    }

    private bool ReloadClientAuthorities()
    {
        if (_clientCaFiles is null)
        {
            return false;
        }

        try
        {
            var contents = ReadAll(_clientCaFiles);
            var hash = Hash(contents);
            if (_clientCaHash is not null && hash.AsSpan().SequenceEqual(_clientCaHash))
            {
                _lastClientCaFailure = null;
                return false;
            }

            var authorities = ClientCertificateAuthorities.LoadFromPem(contents);
            _clientAuthorities = authorities;
            _clientCaHash = hash;
            _lastClientCaFailure = null;
            TlsLog.ClientAuthoritiesReloaded(_logger, authorities.Count);
            return true;
        }
        catch (TlsConfigurationException ex)
        {
            ReportFailure(ref _lastClientCaFailure, ex.FilePath ?? string.Join(',', _clientCaFiles), ex.Message);
            return false;
        }
    }

    private void ReportFailure(ref string? lastFailure, string file, string reason)
    {
        // Files are often rewritten one after the other, so transient failures are expected;
        // warn once per distinct reason instead of on every file-system event.
        if (string.Equals(lastFailure, reason, StringComparison.Ordinal))
        {
            TlsLog.ReloadStillFailing(_logger, file, reason);
            return;
        }

        lastFailure = reason;
        TlsLog.ReloadFailed(_logger, file, reason);
    }

    private static List<(string Path, string Text)> ReadAll(IReadOnlyList<string> files) =>
        [.. files.Select(f => (f, PemFile.ReadText(f)))];

    private static byte[] Hash(string certText, string keyText) =>
        Hash([(string.Empty, certText), (string.Empty, keyText)]);

    private static byte[] Hash(IReadOnlyList<(string Path, string Text)> contents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var (_, text) in contents)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BitConverter.TryWriteBytes(length, bytes.Length);
            sha.AppendData(length);
            sha.AppendData(bytes);
        }

        return sha.GetHashAndReset();
    }
}
