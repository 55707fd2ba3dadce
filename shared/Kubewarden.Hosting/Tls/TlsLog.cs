using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Tls;

/// <summary>Source-generated log messages for TLS material handling.</summary>
internal static partial class TlsLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "TLS server certificate reloaded: subject {Subject}, not after {NotAfter:O}")]
    internal static partial void ServerCertificateReloaded(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "TLS client CA bundle reloaded: {Count} certificate(s)")]
    internal static partial void ClientAuthoritiesReloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "TLS reload failed for {File}: {Reason}; keeping the previous configuration")]
    internal static partial void ReloadFailed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug,
        Message = "TLS reload still failing for {File}: {Reason}")]
    internal static partial void ReloadStillFailing(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning,
        Message = "TLS file watcher error in {Directory}: {Reason}; re-reading the files")]
    internal static partial void WatcherError(ILogger logger, string directory, string reason);
}
