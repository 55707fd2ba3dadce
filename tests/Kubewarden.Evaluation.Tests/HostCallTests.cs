using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Tests;

/// <summary>
/// waPC <c>__host_call</c> goes through the dispatcher: binding check, allow list, then the handler (spec §2.1–2.2).
/// The host-call policies turn a failed host call into their guest error, so the verdict carries the host's text.
/// </summary>
public sealed class HostCallTests(EngineFixture fixture)
{
    private const string DnsDenied =
        "internal server error: Guest call failure: Policy has not been granted access to the 'net/v1/dns_lookup_host' host capability. The violation has been reported.";

    [Fact]
    public void Validate_TracingLog_AcceptsAndLogsTheRecord()
    {
        using var provider = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        using var loader = Harness.CreateLoader(fixture.Engine, loggerFactory: loggerFactory);
        var evaluator = loader.Load(Harness.Definition("logger", hostCapabilities: []), TestPolicies.Load("host-call-log"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.True(verdict.Response.Allowed);
        Assert.Contains(provider.Entries, e => e is { Category: "policy_log", Level: LogLevel.Information, Message: "Policy `logger`: hi" });
    }

    [Fact]
    public void Validate_DnsLookupWithNoCapabilities_RejectsWithDenialText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, DnsDenied, 500);
    }

    [Fact]
    public void Validate_DnsLookupWithHostCapabilitiesAbsent_DeniesAll()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(new PolicyDefinition("test-policy"), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, DnsDenied, 500);
    }

    [Fact]
    public void Validate_DnsLookupGrantedOtherCapability_RejectsWithDenialText()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: ["oci/*", "crypto/v1/is_certificate_trusted"]), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, DnsDenied, 500);
    }

    [Fact]
    public void Validate_DnsLookupAllowedWithoutHandler_RejectsAsNotImplemented()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: ["*"]), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(
            verdict, "internal server error: Guest call failure: Callback evaluation failure: net/v1/dns_lookup_host is not implemented yet", 500);
    }

    [Fact]
    public void Validate_ForeignBinding_RejectsAsUnknownBinding()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: ["*"]), TestPolicies.Load("host-call-other-binding"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, "internal server error: Guest call failure: unknown binding: other", 500);
    }

    [Fact]
    public void Validate_ForeignBindingWithNoCapabilities_BindingIsCheckedBeforeTheAllowList()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.Load("host-call-other-binding"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, "internal server error: Guest call failure: unknown binding: other", 500);
    }

    [Fact]
    public void Validate_UnknownNamespace_RejectsAsUnknownNamespace()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: ["*"]), TestPolicies.Load("host-call-unknown-namespace"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, "internal server error: Guest call failure: unknown namespace: foo", 500);
    }

    [Fact]
    public void Validate_UnknownNamespaceWithNoCapabilities_AllowListIsCheckedFirst()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.Load("host-call-unknown-namespace"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(
            verdict,
            "internal server error: Guest call failure: Policy has not been granted access to the 'foo/bar' host capability. The violation has been reported.",
            500);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("net/*")]
    [InlineData("net/v1/*")]
    [InlineData("net/v1/dns_lookup_host")]
    public void Validate_DnsLookupAllowedWithHandler_HandlerAnswers(string pattern)
    {
        var handler = new RecordingDnsHandler("""{"accepted":true,"message":"resolved"}""");
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [handler]);
        var evaluator = loader.Load(Harness.Definition("dns-user", hostCapabilities: [pattern]), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        Assert.Equal(EvaluationFailure.None, verdict.Failure);
        Assert.True(verdict.Response.Allowed);
        Assert.Equal("resolved", verdict.Response.Status?.Message);
        Assert.Equal([("dns-user", "\"example.com\"")], handler.Calls);
    }

    [Fact]
    public void Validate_DnsLookupDeniedWithHandler_HandlerIsNeverCalled()
    {
        var handler = new RecordingDnsHandler("""{"accepted":true}""");
        using var loader = Harness.CreateLoader(fixture.Engine, handlers: [handler]);
        var evaluator = loader.Load(Harness.Definition(hostCapabilities: []), TestPolicies.Load("host-call-dns"));

        var verdict = evaluator.Validate(Harness.Request());

        GuestFailureTests.AssertRejected(verdict, DnsDenied, 500);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public void Load_InvalidHostCapabilityPattern_FailsNamingThePattern()
    {
        using var loader = Harness.CreateLoader(fixture.Engine);

        var error = Assert.Throws<PolicyLoadException>(() => loader.Load(Harness.Definition("bad-grants", hostCapabilities: ["oci"]), TestPolicies.Load("accept")));

        Assert.Equal("policy `bad-grants`: invalid hostCapabilities pattern: `oci` names a group, not a capability; write \"oci/*\" to allow the whole group", error.Message);
    }

    [Fact]
    public void HostCapabilityDispatcher_TwoHandlersForOneCapability_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Harness.CreateLoader(
            fixture.Engine, handlers: [new RecordingDnsHandler("{}"), new RecordingDnsHandler("{}")]));

        Assert.StartsWith(
            "two handlers serve the host capability net/v1/dns_lookup_host: RecordingDnsHandler and RecordingDnsHandler", error.Message, StringComparison.Ordinal);
    }
}
