using Kubewarden.Hosting.CommandLine;

namespace Kubewarden.PolicyServer.Configuration;

/// <summary>
/// policy-server's flags: Kubewarden's (same names, environment variables and defaults, spec §4.6) plus our own.
/// Values land under the <c>PolicyServer</c> configuration section; <see cref="PolicyServerOptions.Bind"/> reads them.
/// </summary>
public static class PolicyServerFlags
{
    /// <summary>The configuration section every flag is stored under.</summary>
    public const string Section = "PolicyServer";

    /// <summary>The subcommand that writes the CLI documentation: <c>policy-server docs --output FILE</c>.</summary>
    public const string DocsSubcommand = "docs";

    private const string SigstoreReason =
        "arrives with Sigstore signature verification; policies are pulled without checking signatures today";

    private const string DaemonReason =
        "run policy-server in the foreground under a process supervisor (Kubernetes, systemd) instead";

#pragma warning disable CS1591 // One field per flag; the Help text documents each.
    public static readonly CommandLineFlag Address = Value("addr", "KUBEWARDEN_BIND_ADDRESS", "Address", "0.0.0.0",
        "Bind address (an IP address) for the API and readiness listeners", valueName: "BIND_ADDRESS");

    public static readonly CommandLineFlag Port = Value("port", "KUBEWARDEN_PORT", "Port", "3000",
        "Port of the API listener", valueName: "PORT");

    public static readonly CommandLineFlag ReadinessProbePort = Value("readiness-probe-port",
        "KUBEWARDEN_READINESS_PROBE_PORT", "ReadinessProbePort", "8081",
        "Port of the plain-HTTP readiness listener (GET /readiness)", valueName: "READINESS_PROBE_PORT");

    public static readonly CommandLineFlag Workers = Value("workers", "KUBEWARDEN_WORKERS", "Workers", null,
        "Maximum number of concurrent policy evaluations; defaults to the number of CPUs", valueName: "WORKERS_NUMBER");

    public static readonly CommandLineFlag CertFile = Value("cert-file", "KUBEWARDEN_CERT_FILE", "CertFile", null,
        "Path to the PEM certificate for HTTPS (exactly one certificate); requires --key-file", valueName: "CERT_FILE");

    public static readonly CommandLineFlag KeyFile = Value("key-file", "KUBEWARDEN_KEY_FILE", "KeyFile", null,
        "Path to the PEM private key for HTTPS; requires --cert-file", valueName: "KEY_FILE");

    public static readonly CommandLineFlag ClientCaFile = Value("client-ca-file", "KUBEWARDEN_CLIENT_CA_FILE",
        "ClientCaFile", null,
        "Comma-separated PEM CA files; when given, client certificates are required (mTLS). Requires --cert-file and --key-file",
        valueName: "CLIENT_CA_FILE");

    public static readonly CommandLineFlag Policies = Value("policies", "KUBEWARDEN_POLICIES", "Policies", "policies.yml",
        "YAML (or JSON) file holding the policies to load and their settings", valueName: "POLICIES_FILE");

    public static readonly CommandLineFlag PoliciesDownloadDir = Value("policies-download-dir",
        "KUBEWARDEN_POLICIES_DOWNLOAD_DIR", "PoliciesDownloadDir", ".",
        "Directory where downloaded policy modules are stored", valueName: "POLICIES_DOWNLOAD_DIR");

    public static readonly CommandLineFlag SigstoreCacheDir = Value("sigstore-cache-dir",
        "KUBEWARDEN_SIGSTORE_CACHE_DIR", "SigstoreCacheDir", "sigstore-data",
        "Directory used to cache Sigstore data", valueName: "SIGSTORE_CACHE_DIR", notYetSupported: SigstoreReason);

    public static readonly CommandLineFlag SigstoreTrustConfig = Value("sigstore-trust-config",
        "KUBEWARDEN_SIGSTORE_TRUST_CONFIG_PATH", "SigstoreTrustConfig", null,
        "Sigstore ClientTrustConfig JSON file whose trustedRoot is used", valueName: "SIGSTORE_TRUST_CONFIG_PATH",
        notYetSupported: SigstoreReason);

    public static readonly CommandLineFlag SourcesPath = Value("sources-path", "KUBEWARDEN_SOURCES_PATH", "SourcesPath",
        null, "YAML file holding source information (insecure registries, custom CAs)", valueName: "SOURCES_PATH");

    public static readonly CommandLineFlag VerificationPath = Value("verification-path",
        "KUBEWARDEN_VERIFICATION_CONFIG_PATH", "VerificationPath", null,
        "YAML file holding signature verification requirements", valueName: "VERIFICATION_CONFIG_PATH",
        notYetSupported: SigstoreReason);

    public static readonly CommandLineFlag DockerConfigJsonPath = Value("docker-config-json-path",
        "KUBEWARDEN_DOCKER_CONFIG_JSON_PATH", "DockerConfigJsonPath", null,
        "Directory containing a Docker config.json with registry credentials", valueName: "DOCKER_CONFIG");

    public static readonly CommandLineFlag RegistryCache = Value("registry-cache", "KUBEWARDEN_REGISTRY_CACHE",
        "RegistryCache", null,
        "URL of a registry-cache to pull registry policies through (registry://H/R:T is pulled as <cache>/H/R:T, " +
        "digests still verified); when it cannot be reached, policies are pulled directly. An http:// URL allows " +
        "plain HTTP to the cache", valueName: "URL");

    public static readonly CommandLineFlag EnableMetrics = Switch("enable-metrics", "KUBEWARDEN_ENABLE_METRICS",
        "EnableMetrics", "Export metrics over OTLP");

    public static readonly CommandLineFlag AlwaysAcceptAdmissionReviewsOnNamespace = Value(
        "always-accept-admission-reviews-on-namespace", "KUBEWARDEN_ALWAYS_ACCEPT_ADMISSION_REVIEWS_ON_NAMESPACE",
        "AlwaysAcceptAdmissionReviewsOnNamespace", null,
        "Always accept AdmissionReviews that target the given namespace", valueName: "NAMESPACE");

    public static readonly CommandLineFlag PolicyTimeout = Value("policy-timeout", "KUBEWARDEN_POLICY_TIMEOUT",
        "PolicyTimeout", "2", "Interrupt a policy evaluation after the given number of seconds",
        valueName: "MAXIMUM_EXECUTION_TIME_SECONDS");

    public static readonly CommandLineFlag DisableTimeoutProtection = Switch("disable-timeout-protection",
        "KUBEWARDEN_DISABLE_TIMEOUT_PROTECTION", "DisableTimeoutProtection", "Disable policy timeout protection");

    public static readonly CommandLineFlag IgnoreKubernetesConnectionFailure = Switch(
        "ignore-kubernetes-connection-failure", "KUBEWARDEN_IGNORE_KUBERNETES_CONNECTION_FAILURE",
        "IgnoreKubernetesConnectionFailure",
        "Start even when no Kubernetes client can be configured (no in-cluster service account, no kubeconfig) and " +
        "policies with contextAwareResources are loaded; their Kubernetes host calls then fail");

    public static readonly CommandLineFlag LogLevel = Value("log-level", "KUBEWARDEN_LOG_LEVEL", "LogLevel", "info",
        "Log level: trace, debug, info, warn or error", valueName: "LOG_LEVEL");

    public static readonly CommandLineFlag LogFormat = Value("log-fmt", "KUBEWARDEN_LOG_FMT", "LogFormat", "text",
        "Log output format: text, json or otlp", valueName: "LOG_FMT");

    public static readonly CommandLineFlag LogNoColor = Switch("log-no-color", "NO_COLOR", "LogNoColor",
        "Disable coloured log output");

    public static readonly CommandLineFlag Daemon = Switch("daemon", "KUBEWARDEN_DAEMON", "Daemon",
        "Run detached, as a daemon", notYetSupported: DaemonReason);

    public static readonly CommandLineFlag DaemonPidFile = Value("daemon-pid-file", "KUBEWARDEN_DAEMON_PID_FILE",
        "DaemonPidFile", "policy-server.pid", "PID file, used only in daemon mode", notYetSupported: DaemonReason);

    public static readonly CommandLineFlag DaemonStdoutFile = Value("daemon-stdout-file",
        "KUBEWARDEN_DAEMON_STDOUT_FILE", "DaemonStdoutFile", null, "File receiving stdout, used only in daemon mode",
        notYetSupported: DaemonReason);

    public static readonly CommandLineFlag DaemonStderrFile = Value("daemon-stderr-file",
        "KUBEWARDEN_DAEMON_STDERR_FILE", "DaemonStderrFile", null, "File receiving stderr, used only in daemon mode",
        notYetSupported: DaemonReason);

    public static readonly CommandLineFlag EnablePprof = Switch("enable-pprof", "KUBEWARDEN_ENABLE_PPROF", "EnablePprof",
        "Enable pprof profiling endpoints",
        notYetSupported: "Go/jemalloc pprof endpoints do not exist in .NET; profile with dotnet-counters, " +
            "dotnet-trace or dotnet-gcdump instead");

    public static readonly CommandLineFlag ContinueOnErrors = Switch("continue-on-errors",
        "KUBEWARDEN_CONTINUE_ON_ERRORS", "ContinueOnErrors",
        "Keep serving when some policies fail to load. Accepted for compatibility; it changes nothing because " +
        "policies that fail to load are always isolated and answer with an error");

    public static readonly CommandLineFlag MaxPolicyMemoryMib = Value("max-policy-memory-mib",
        "KUBEWARDEN_MAX_POLICY_MEMORY_MIB", "MaxPolicyMemoryMib", "1024",
        "Maximum linear memory of one policy instance, in MiB; 0 means no cap", valueName: "MIB");

    public static readonly CommandLineFlag MaxRequestBodyBytes = Value("max-request-body-bytes",
        "KUBEWARDEN_MAX_REQUEST_BODY_BYTES", "MaxRequestBodyBytes", "2097152",
        "Maximum size of a request body, in bytes", valueName: "BYTES");

    public static readonly CommandLineFlag Engine = Value("engine", "KUBEWARDEN_ENGINE", "Engine", "wasmtime",
        "WebAssembly engine: wasmtime (default) or v8", valueName: "ENGINE");

    public static readonly CommandLineFlag PrecompiledCacheDir = Value("precompiled-cache-dir",
        "KUBEWARDEN_PRECOMPILED_CACHE_DIR", "PrecompiledCacheDir", null,
        "Directory caching precompiled policy modules; defaults to .precompiled under --policies-download-dir",
        valueName: "DIR");

    public static readonly CommandLineFlag Kubeconfig = Value("kubeconfig", "KUBECONFIG", "Kubeconfig", null,
        "Kubeconfig file(s) for the Kubernetes client when not running in a Pod (the first existing file of a " +
        "path list is used); defaults to ~/.kube/config. In a Pod the service account is used", valueName: "KUBECONFIG");
    public static readonly CommandLineFlag ReplayHostCapabilitiesInteractions = Value(
        "replay-host-capabilities-interactions", "KUBEWARDEN_REPLAY_HOST_CAPABILITIES_INTERACTIONS",
        "ReplayHostCapabilitiesInteractions", null,
        "Answer every host capability (OCI, Sigstore, DNS, crypto, Kubernetes; not tracing/log) from a session file " +
        "recorded by kwctl --record-host-capabilities-interactions (same format) instead of the real world. A call is " +
        "answered by the first recorded exchange with an equal request, as often as it is made; a call the file does " +
        "not record fails naming it. hostCapabilities and contextAwareResources still apply. The whole file is read at " +
        "start: a file that cannot be used stops the server", valueName: "FILE");

    /// <summary>The <c>docs</c> subcommand's <c>--output</c>/<c>-o</c> flag (required by the subcommand).</summary>
    public static readonly CommandLineFlag DocsOutput = new()
    {
        Name = "output",
        ShortName = 'o',
        ValueName = "FILE",
        Help = "Path where the markdown documentation is written",
        ConfigurationKey = "Docs:Output",
    };
#pragma warning restore CS1591

    /// <summary>Every policy-server flag, in documentation order.</summary>
    public static IReadOnlyList<CommandLineFlag> All { get; } =
    [
        Address, Port, ReadinessProbePort, Workers, CertFile, KeyFile, ClientCaFile, Policies, PoliciesDownloadDir,
        SigstoreCacheDir, SigstoreTrustConfig, SourcesPath, VerificationPath, DockerConfigJsonPath, EnableMetrics,
        AlwaysAcceptAdmissionReviewsOnNamespace, PolicyTimeout, DisableTimeoutProtection,
        IgnoreKubernetesConnectionFailure, LogLevel, LogFormat, LogNoColor, Daemon, DaemonPidFile, DaemonStdoutFile,
        DaemonStderrFile, EnablePprof, ContinueOnErrors, MaxPolicyMemoryMib, MaxRequestBodyBytes, Engine,
        PrecompiledCacheDir, RegistryCache, Kubeconfig, ReplayHostCapabilitiesInteractions,
    ];

    /// <summary>The subcommands policy-server accepts, for <see cref="CommandLineParser.Parse"/>.</summary>
    public static IReadOnlyCollection<string> Subcommands { get; } = [DocsSubcommand];

    /// <summary>The flags of the <c>docs</c> subcommand.</summary>
    public static IReadOnlyList<CommandLineFlag> DocsFlags { get; } = [DocsOutput];

    private static CommandLineFlag Value(
        string name, string environmentVariable, string key, string? defaultValue, string help,
        string? valueName = null, string? notYetSupported = null) => new()
    {
        Name = name,
        EnvironmentVariable = environmentVariable,
        ConfigurationKey = $"{Section}:{key}",
        Default = defaultValue,
        Help = help,
        ValueName = valueName,
        NotYetSupported = notYetSupported,
    };

    private static CommandLineFlag Switch(
        string name, string environmentVariable, string key, string help, string? notYetSupported = null) => new()
    {
        Name = name,
        EnvironmentVariable = environmentVariable,
        ConfigurationKey = $"{Section}:{key}",
        IsSwitch = true,
        Help = help,
        NotYetSupported = notYetSupported,
    };
}
