using System.Text.Json.Nodes;
using Kubewarden.HostCapabilities.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.HostCapabilities.Tests.Net;

public sealed class DnsLookupHostHandlerTests
{
    private readonly DnsLookupHostHandler _handler = new(NullLogger<DnsLookupHostHandler>.Instance);

    [Fact]
    public void Localhost_AnswersItsLoopbackAddresses()
    {
        var answer = JsonNode.Parse(_handler.Call("\"localhost\"").Answer())!.AsObject();

        var ips = answer["ips"]!.AsArray().Select(ip => (string)ip!).ToList();
        Assert.Single(answer);
        Assert.NotEmpty(ips);
        Assert.All(ips, ip => Assert.Contains(ip, new[] { "127.0.0.1", "::1" }));
    }

    [Fact]
    public void AnIpLiteral_AnswersItself()
    {
        Assert.Equal("""{"ips":["192.0.2.7"]}""", _handler.Call("\"192.0.2.7\"").Answer());
    }

    [Theory]
    [InlineData("no-such-host.invalid")]
    [InlineData("")]
    public void AnUnresolvableName_IsAHostError(string host)
    {
        var error = _handler.Call($"\"{host}\"").Failure();

        Assert.StartsWith($"Callback evaluation failure: cannot resolve host '{host}': ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"host\":\"localhost\"}")]
    [InlineData("[\"localhost\"]")]
    [InlineData("localhost")]
    public void MalformedPayload_IsAHostErrorSayingAHostStringIsExpected(string payload)
    {
        var error = _handler.Call(payload).Failure();

        Assert.StartsWith("the payload of net/v1/dns_lookup_host must be a JSON string naming a host, e.g. \"example.com\": ", error, StringComparison.Ordinal);
    }
}
