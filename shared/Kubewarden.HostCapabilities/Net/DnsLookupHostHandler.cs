using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Net;

/// <summary>
/// <c>net</c>/<c>v1/dns_lookup_host</c>: the payload is a JSON string host name; the answer is
/// <c>{"ips": [...]}</c>, its IPv4 and IPv6 addresses from the system resolver. Not cached, as in Kubewarden; a failed
/// lookup is a host error.
/// </summary>
public sealed class DnsLookupHostHandler(ILogger<DnsLookupHostHandler> logger) : IHostCapabilityHandler
{
    private const string Capability = "net/v1/dns_lookup_host";

    /// <inheritdoc />
    public string Namespace => "net";

    /// <inheritdoc />
    public string Operation => "v1/dns_lookup_host";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!HostCallPayload.TryRead(payload, HostCapabilitiesJsonContext.Default.String, policy, Capability,
                "a JSON string naming a host, e.g. \"example.com\"", logger, out var host, out var failure))
        {
            return failure;
        }

        // An empty name would resolve to this machine's own addresses.
        if (host.Length == 0)
        {
            return Failed(policy, host, "the host name is empty");
        }

        try
        {
            var addresses = Dns.GetHostAddressesAsync(host).GetAwaiter().GetResult();
            var ips = addresses.Select(address => address.ToString()).ToList();
            return HostCallResult.Success(JsonSerializer.SerializeToUtf8Bytes(new DnsLookupResponse(ips), HostCapabilitiesJsonContext.Default.DnsLookupResponse));
        }
        catch (SocketException e)
        {
            return Failed(policy, host, $"{e.Message} ({e.SocketErrorCode})");
        }
        catch (ArgumentException e)
        {
            return Failed(policy, host, e.Message);
        }
    }

    private HostCallResult Failed(PolicyContext policy, string host, string why)
    {
        var error = $"cannot resolve host '{host}': {why}";
        logger.DnsLookupFailed(policy.PolicyId, host, error);
        return HostCallResult.CallbackFailure(error);
    }
}
