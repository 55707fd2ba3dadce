using System.Collections;
using Kubewarden.Hosting.CommandLine;
using Kubewarden.PolicyServer.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Tests.PolicyServer;

public sealed class PolicyServerOptionsTests
{
    private static (PolicyServerOptions Options, IReadOnlyList<string> Errors) Bind(
        string[] args, Hashtable? environment = null)
    {
        var parsed = CommandLineParser.Parse(PolicyServerFlags.All, args, environment ?? [], PolicyServerFlags.Subcommands);
        Assert.Empty(parsed.Errors);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(parsed.Values).Build();
        var options = PolicyServerOptions.Bind(configuration, out var errors);
        return (options, errors);
    }

    [Fact]
    public void Bind_NoArguments_GivesKubewardenDefaults()
    {
        var (options, errors) = Bind([]);

        Assert.Empty(errors);
        Assert.Equal("0.0.0.0", options.Address);
        Assert.Equal(3000, options.Port);
        Assert.Equal(8081, options.ReadinessProbePort);
        Assert.Equal(Environment.ProcessorCount, options.Workers);
        Assert.Equal("policies.yml", options.Policies);
        Assert.Equal(".", options.PoliciesDownloadDir);
        Assert.Equal("sigstore-data", options.SigstoreCacheDir);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PolicyTimeout);
        Assert.Equal(LogLevel.Information, options.LogLevel);
        Assert.Equal(PolicyServerLogFormat.Text, options.LogFormat);
        Assert.Equal("policy-server.pid", options.DaemonPidFile);
        Assert.Equal(1024L * 1024 * 1024, options.MaxPolicyMemoryBytes);
        Assert.Equal(2097152, options.MaxRequestBodyBytes);
        Assert.Equal(PolicyServerEngine.Wasmtime, options.Engine);
        Assert.Equal(Path.Combine(".", ".precompiled"), options.PrecompiledCacheDir);
        Assert.Null(options.CertFile);
        Assert.Empty(options.ClientCaFiles);
        Assert.False(options.TlsEnabled);
        Assert.False(options.EnableMetrics);
        Assert.False(options.ContinueOnErrors);
        Assert.Equal(new PolicyServerOptions() with { ClientCaFiles = options.ClientCaFiles }, options);
    }

    [Fact]
    public void Bind_ReplayHostCapabilitiesInteractions_FromFlagOrEnvironment()
    {
        var (fromFlag, flagErrors) = Bind(["--replay-host-capabilities-interactions", "/sessions/a.yml"]);
        var (fromEnvironment, environmentErrors) = Bind([], new Hashtable { ["KUBEWARDEN_REPLAY_HOST_CAPABILITIES_INTERACTIONS"] = "/sessions/b.yml" });

        Assert.Empty(flagErrors);
        Assert.Empty(environmentErrors);
        Assert.Equal("/sessions/a.yml", fromFlag.ReplayHostCapabilitiesInteractions);
        Assert.Equal("/sessions/b.yml", fromEnvironment.ReplayHostCapabilitiesInteractions);
        Assert.Null(Bind([]).Options.ReplayHostCapabilitiesInteractions);
    }

    [Fact]
    public void Bind_EmptyConfiguration_GivesTheSameDefaults()
    {
        var options = PolicyServerOptions.Bind(new ConfigurationBuilder().Build(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(Bind([]).Options with { ClientCaFiles = [] }, options with { ClientCaFiles = [] });
    }

    [Fact]
    public void Bind_ControllerStyleDeployment_GivesTypedValues()
    {
        var environment = new Hashtable
        {
            ["KUBEWARDEN_CERT_FILE"] = "/pki/tls.crt",
            ["KUBEWARDEN_KEY_FILE"] = "/pki/tls.key",
            ["KUBEWARDEN_CLIENT_CA_FILE"] = "/pki/ca.crt, /pki/client-ca.crt",
            ["KUBEWARDEN_POLICIES"] = "/config/policies.yml",
            ["KUBEWARDEN_POLICIES_DOWNLOAD_DIR"] = "/tmp",
            ["KUBEWARDEN_ENABLE_METRICS"] = "true",
            ["KUBEWARDEN_LOG_FMT"] = "otlp",
            ["KUBEWARDEN_ALWAYS_ACCEPT_ADMISSION_REVIEWS_ON_NAMESPACE"] = "kubewarden",
        };

        var (options, errors) = Bind(
            ["--port", "8443", "--workers", "4", "--policy-timeout", "10", "--log-level", "warn", "--disable-timeout-protection",
             "--max-policy-memory-mib", "256", "--max-request-body-bytes", "8388608"],
            environment);

        Assert.Empty(errors);
        Assert.Equal(8443, options.Port);
        Assert.Equal(4, options.Workers);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PolicyTimeout);
        Assert.Equal(LogLevel.Warning, options.LogLevel);
        Assert.Equal(PolicyServerLogFormat.Otlp, options.LogFormat);
        Assert.True(options.DisableTimeoutProtection);
        Assert.True(options.EnableMetrics);
        Assert.True(options.TlsEnabled);
        Assert.Equal("/pki/tls.crt", options.CertFile);
        Assert.Equal("/pki/tls.key", options.KeyFile);
        Assert.Equal(["/pki/ca.crt", "/pki/client-ca.crt"], options.ClientCaFiles);
        Assert.Equal("/config/policies.yml", options.Policies);
        Assert.Equal("/tmp", options.PoliciesDownloadDir);
        Assert.Equal("/tmp/.precompiled", options.PrecompiledCacheDir);
        Assert.Equal("kubewarden", options.AlwaysAcceptAdmissionReviewsOnNamespace);
        Assert.Equal(256L * 1024 * 1024, options.MaxPolicyMemoryBytes);
        Assert.Equal(8388608, options.MaxRequestBodyBytes);
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("DEBUG", LogLevel.Debug)]
    public void Bind_LogLevel_MapsToMicrosoftLogLevel(string text, LogLevel expected)
    {
        var (options, errors) = Bind(["--log-level", text]);

        Assert.Empty(errors);
        Assert.Equal(expected, options.LogLevel);
    }

    [Fact]
    public void Bind_ZeroMemoryCap_MeansNoCap()
    {
        Assert.Null(Bind(["--max-policy-memory-mib", "0"]).Options.MaxPolicyMemoryBytes);
    }

    [Fact]
    public void Bind_PrecompiledCacheDir_WinsOverTheDownloadDirDefault()
    {
        var (options, _) = Bind(["--policies-download-dir", "/store", "--precompiled-cache-dir", "/cache"]);

        Assert.Equal("/cache", options.PrecompiledCacheDir);
    }

    [Theory]
    [InlineData("--port", "70000", "invalid value '70000' for '--port' (KUBEWARDEN_PORT): expected an integer from 0 to 65535")]
    [InlineData("--port", "abc", "invalid value 'abc' for '--port' (KUBEWARDEN_PORT): expected an integer from 0 to 65535")]
    [InlineData("--readiness-probe-port", "-1", "invalid value '-1' for '--readiness-probe-port' (KUBEWARDEN_READINESS_PROBE_PORT): expected an integer from 0 to 65535")]
    [InlineData("--workers", "0", "invalid value '0' for '--workers' (KUBEWARDEN_WORKERS): expected an integer from 1 to 65536")]
    [InlineData("--policy-timeout", "0", "invalid value '0' for '--policy-timeout' (KUBEWARDEN_POLICY_TIMEOUT): expected an integer from 1 to 86400")]
    [InlineData("--policy-timeout", "1.5", "invalid value '1.5' for '--policy-timeout' (KUBEWARDEN_POLICY_TIMEOUT): expected an integer from 1 to 86400")]
    [InlineData("--max-policy-memory-mib", "-5", "invalid value '-5' for '--max-policy-memory-mib' (KUBEWARDEN_MAX_POLICY_MEMORY_MIB): expected an integer from 0 (no cap) to 65536")]
    [InlineData("--max-request-body-bytes", "0", "invalid value '0' for '--max-request-body-bytes' (KUBEWARDEN_MAX_REQUEST_BODY_BYTES): expected an integer from 1 to 2147483647")]
    [InlineData("--log-level", "verbose", "invalid value 'verbose' for '--log-level' (KUBEWARDEN_LOG_LEVEL): expected one of trace, debug, info, warn, error")]
    [InlineData("--log-fmt", "xml", "invalid value 'xml' for '--log-fmt' (KUBEWARDEN_LOG_FMT): expected one of text, json, otlp")]
    [InlineData("--engine", "wasmer", "invalid value 'wasmer' for '--engine' (KUBEWARDEN_ENGINE): expected one of wasmtime, v8")]
    [InlineData("--addr", "localhost", "invalid value 'localhost' for '--addr' (KUBEWARDEN_BIND_ADDRESS): expected an IP address")]
    public void Bind_InvalidValue_ReportsExactMessage(string flag, string value, string expected)
    {
        var (_, errors) = Bind([$"{flag}={value}"]);

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("--cert-file")]
    [InlineData("--key-file")]
    public void Bind_CertificateWithoutKey_IsRejected(string flag)
    {
        var (_, errors) = Bind([flag, "/pki/tls.pem"]);

        Assert.Equal(["both certificate and key must be provided together"], errors);
    }

    [Fact]
    public void Bind_ClientCaWithoutTls_IsRejected()
    {
        var (_, errors) = Bind(["--client-ca-file", "/pki/ca.crt"]);

        Assert.Equal(["--client-ca-file requires --cert-file and --key-file"], errors);
    }

    [Fact]
    public void Bind_SamePortTwice_IsRejected()
    {
        var (_, errors) = Bind(["--port", "8081"]);

        Assert.Equal(["--port and --readiness-probe-port must be different ports (both are 8081)"], errors);
    }

    [Fact]
    public void Bind_BadBooleanInConfiguration_IsRejected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("PolicyServer:EnableMetrics", "sometimes")])
            .Build();

        PolicyServerOptions.Bind(configuration, out var errors);

        Assert.Equal(
            ["invalid value 'sometimes' for '--enable-metrics' (KUBEWARDEN_ENABLE_METRICS): expected one of true, false, 1, 0, yes, no"],
            errors);
    }

    [Fact]
    public void Bind_SeveralProblems_AreAllReported()
    {
        var (_, errors) = Bind(["--port", "x", "--workers", "0", "--engine", "wasmer", "--key-file", "k.pem", "--log-fmt", "yaml"]);

        Assert.Equal(5, errors.Count);
    }
}
