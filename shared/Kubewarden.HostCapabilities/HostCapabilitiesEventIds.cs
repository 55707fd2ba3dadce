namespace Kubewarden.HostCapabilities;

/// <summary>Event ids of the host capabilities that answer from outside the process (9100–9199). Names are API: do not rename.</summary>
public static class HostCapabilitiesEventIds
{
    /// <summary>A policy sent a host-call payload that is not the JSON the capability expects.</summary>
    public const int PayloadInvalid = 9100;

    /// <summary>A registry query (<c>oci/v1/manifest_digest</c>, <c>oci_manifest</c>, <c>oci_manifest_config</c>) failed.</summary>
    public const int RegistryQueryFailed = 9101;

    /// <summary>A registry query was answered by the registry (not from the cache).</summary>
    public const int RegistryQueried = 9102;

    /// <summary>A DNS lookup (<c>net/v1/dns_lookup_host</c>) failed.</summary>
    public const int DnsLookupFailed = 9103;

    /// <summary>A certificate given to <c>crypto/v1/is_certificate_trusted</c> could not be read.</summary>
    public const int CertificateUnreadable = 9104;

    /// <summary>A certificate was checked by <c>crypto/v1/is_certificate_trusted</c>.</summary>
    public const int CertificateChecked = 9105;
}
