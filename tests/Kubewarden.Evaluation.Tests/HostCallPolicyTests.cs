using System.Text;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Evaluation.Tests;

/// <summary>The generated host-call test policy answers exactly what the host said, so other suites can assert host answers.</summary>
public sealed class HostCallPolicyTests(EngineFixture fixture)
{
    [Theory]
    [InlineData("{\"ips\":[\"127.0.0.1\"]}")]
    [InlineData("{\"quote\":\"a\\\"b\",\"tab\":\"x\\ty\",\"text\":\"üñí\"}")]
    public void Validate_EchoOfSuccessfulCall_MessageIsTheExactAnswer(string answer)
    {
        var handler = new RecordingDnsHandler(answer);
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [handler]);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.FromText(HostCallPolicy.Wat("net", "v1/dns_lookup_host", "\"localhost\"")));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(answer, verdict.Response.Status?.Message);
        Assert.Equal(200, verdict.Response.Status?.Code);
        Assert.Equal("\"localhost\"", Assert.Single(handler.Calls).Payload);
    }

    [Fact]
    public void Validate_EchoOfFailedCall_MessageIsTheHostErrorWithCode500()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.FromText(HostCallPolicy.Wat("net", "v1/dns_lookup_host", "\"localhost\"")));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal("Policy has not been granted access to the 'net/v1/dns_lookup_host' host capability. The violation has been reported.", verdict.Response.Status?.Message);
        Assert.Equal(500, verdict.Response.Status?.Code);
    }

    [Fact]
    public void Validate_ScanOfLargeAnswer_Accepts()
    {
        var answer = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"{{\"n\":{i}}}")) + "]}";
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [new RecordingDnsHandler(answer)]);
        var evaluator = loader.Load(Harness.Definition(), TestPolicies.FromText(HostCallPolicy.Wat("net", "v1/dns_lookup_host", "\"x\"", HostCallPolicyAnswer.Scan)));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.True(verdict.Response.Allowed, verdict.Response.Status?.Message);
        Assert.True(Encoding.UTF8.GetByteCount(answer) > 65536);
    }
}
