using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.Hosting.Tests.PolicyServer;

public sealed class PolicyServerFlagsTests
{
    // Spec §4.6: Kubewarden's flags, environment variables and defaults must be kept as they are.
    [Theory]
    [InlineData("addr", "KUBEWARDEN_BIND_ADDRESS", "0.0.0.0", false)]
    [InlineData("port", "KUBEWARDEN_PORT", "3000", false)]
    [InlineData("readiness-probe-port", "KUBEWARDEN_READINESS_PROBE_PORT", "8081", false)]
    [InlineData("workers", "KUBEWARDEN_WORKERS", null, false)]
    [InlineData("cert-file", "KUBEWARDEN_CERT_FILE", null, false)]
    [InlineData("key-file", "KUBEWARDEN_KEY_FILE", null, false)]
    [InlineData("client-ca-file", "KUBEWARDEN_CLIENT_CA_FILE", null, false)]
    [InlineData("policies", "KUBEWARDEN_POLICIES", "policies.yml", false)]
    [InlineData("policies-download-dir", "KUBEWARDEN_POLICIES_DOWNLOAD_DIR", ".", false)]
    [InlineData("sigstore-cache-dir", "KUBEWARDEN_SIGSTORE_CACHE_DIR", "sigstore-data", false)]
    [InlineData("sigstore-trust-config", "KUBEWARDEN_SIGSTORE_TRUST_CONFIG_PATH", null, false)]
    [InlineData("sources-path", "KUBEWARDEN_SOURCES_PATH", null, false)]
    [InlineData("verification-path", "KUBEWARDEN_VERIFICATION_CONFIG_PATH", null, false)]
    [InlineData("docker-config-json-path", "KUBEWARDEN_DOCKER_CONFIG_JSON_PATH", null, false)]
    [InlineData("enable-metrics", "KUBEWARDEN_ENABLE_METRICS", null, true)]
    [InlineData("always-accept-admission-reviews-on-namespace", "KUBEWARDEN_ALWAYS_ACCEPT_ADMISSION_REVIEWS_ON_NAMESPACE", null, false)]
    [InlineData("policy-timeout", "KUBEWARDEN_POLICY_TIMEOUT", "2", false)]
    [InlineData("disable-timeout-protection", "KUBEWARDEN_DISABLE_TIMEOUT_PROTECTION", null, true)]
    [InlineData("ignore-kubernetes-connection-failure", "KUBEWARDEN_IGNORE_KUBERNETES_CONNECTION_FAILURE", null, true)]
    [InlineData("log-level", "KUBEWARDEN_LOG_LEVEL", "info", false)]
    [InlineData("log-fmt", "KUBEWARDEN_LOG_FMT", "text", false)]
    [InlineData("log-no-color", "NO_COLOR", null, true)]
    [InlineData("daemon", "KUBEWARDEN_DAEMON", null, true)]
    [InlineData("daemon-pid-file", "KUBEWARDEN_DAEMON_PID_FILE", "policy-server.pid", false)]
    [InlineData("daemon-stdout-file", "KUBEWARDEN_DAEMON_STDOUT_FILE", null, false)]
    [InlineData("daemon-stderr-file", "KUBEWARDEN_DAEMON_STDERR_FILE", null, false)]
    [InlineData("enable-pprof", "KUBEWARDEN_ENABLE_PPROF", null, true)]
    [InlineData("continue-on-errors", "KUBEWARDEN_CONTINUE_ON_ERRORS", null, true)]
    [InlineData("max-policy-memory-mib", "KUBEWARDEN_MAX_POLICY_MEMORY_MIB", "1024", false)]
    [InlineData("max-request-body-bytes", "KUBEWARDEN_MAX_REQUEST_BODY_BYTES", "2097152", false)]
    [InlineData("engine", "KUBEWARDEN_ENGINE", "wasmtime", false)]
    [InlineData("precompiled-cache-dir", "KUBEWARDEN_PRECOMPILED_CACHE_DIR", null, false)]
    [InlineData("replay-host-capabilities-interactions", "KUBEWARDEN_REPLAY_HOST_CAPABILITIES_INTERACTIONS", null, false)]
    [InlineData("kubeconfig", "KUBECONFIG", null, false)]
    public void All_ContainsFlag_WithKubewardenNameEnvironmentAndDefault(
        string name, string environmentVariable, string? defaultValue, bool isSwitch)
    {
        var flag = Assert.Single(PolicyServerFlags.All, flag => flag.Name == name);

        Assert.Equal(environmentVariable, flag.EnvironmentVariable);
        Assert.Equal(defaultValue, flag.Default);
        Assert.Equal(isSwitch, flag.IsSwitch);
        Assert.StartsWith("PolicyServer:", flag.ConfigurationKey, StringComparison.Ordinal);
    }

    [Fact]
    public void All_HasThirtyFiveFlagsWithUniqueNamesAndKeys()
    {
        Assert.Equal(35, PolicyServerFlags.All.Count);
        Assert.Equal(35, PolicyServerFlags.All.Select(flag => flag.Name).Distinct().Count());
        Assert.Equal(35, PolicyServerFlags.All.Select(flag => flag.ConfigurationKey).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void All_MarksExactlyTheAgreedFlagsAsNotYetSupported()
    {
        Assert.Equal(
            [
                "sigstore-cache-dir", "sigstore-trust-config", "verification-path", "daemon", "daemon-pid-file", "daemon-stdout-file",
                "daemon-stderr-file", "enable-pprof",
            ],
            PolicyServerFlags.All.Where(flag => flag.NotYetSupported is not null).Select(flag => flag.Name));
    }
}
