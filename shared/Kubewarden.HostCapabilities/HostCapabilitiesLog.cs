using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities;

internal static partial class HostCapabilitiesLog
{
    [LoggerMessage(EventId = HostCapabilitiesEventIds.PayloadInvalid, EventName = nameof(HostCapabilitiesEventIds.PayloadInvalid), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` called `{Capability}` with a payload that cannot be read: {Error}")]
    public static partial void PayloadInvalid(this ILogger logger, string policyId, string capability, string error);

    [LoggerMessage(EventId = HostCapabilitiesEventIds.RegistryQueryFailed, EventName = nameof(HostCapabilitiesEventIds.RegistryQueryFailed), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` called `{Capability}` for `{Image}`, which failed: {Error}")]
    public static partial void RegistryQueryFailed(this ILogger logger, string policyId, string capability, string image, string error);

    [LoggerMessage(EventId = HostCapabilitiesEventIds.RegistryQueried, EventName = nameof(HostCapabilitiesEventIds.RegistryQueried), Level = LogLevel.Debug,
        Message = "`{Capability}` queried the registry for `{Image}` in {ElapsedMilliseconds:F1} ms; the answer is reused for 60 s")]
    public static partial void RegistryQueried(this ILogger logger, string capability, string image, double elapsedMilliseconds);

    [LoggerMessage(EventId = HostCapabilitiesEventIds.DnsLookupFailed, EventName = nameof(HostCapabilitiesEventIds.DnsLookupFailed), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` looked up host `{Host}`, which failed: {Error}")]
    public static partial void DnsLookupFailed(this ILogger logger, string policyId, string host, string error);

    [LoggerMessage(EventId = HostCapabilitiesEventIds.CertificateUnreadable, EventName = nameof(HostCapabilitiesEventIds.CertificateUnreadable), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` asked whether a certificate is trusted, which cannot be checked: {Error}")]
    public static partial void CertificateUnreadable(this ILogger logger, string policyId, string error);

    [LoggerMessage(EventId = HostCapabilitiesEventIds.CertificateChecked, EventName = nameof(HostCapabilitiesEventIds.CertificateChecked), Level = LogLevel.Debug,
        Message = "Policy `{PolicyId}` asked whether certificate `{Subject}` is trusted: {Trusted} {Reason}")]
    public static partial void CertificateChecked(this ILogger logger, string policyId, string subject, bool trusted, string reason);
}
