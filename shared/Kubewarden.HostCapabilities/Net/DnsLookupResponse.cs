namespace Kubewarden.HostCapabilities.Net;

/// <summary>The answer of <c>net/v1/dns_lookup_host</c>: <c>{"ips": ["…", …]}</c>.</summary>
internal sealed record DnsLookupResponse(IReadOnlyList<string> Ips);
