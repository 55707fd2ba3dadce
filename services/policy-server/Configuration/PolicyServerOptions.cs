using System.Globalization;
using System.Net;
using Kubewarden.Hosting.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kubewarden.PolicyServer.Configuration;

/// <summary>policy-server's validated settings, bound from the <c>PolicyServer</c> configuration section.</summary>
public sealed record PolicyServerOptions
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary><c>--addr</c>: bind address of both listeners.</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary><c>--port</c>: API port.</summary>
    public int Port { get; init; } = 3000;

    /// <summary><c>--readiness-probe-port</c>: readiness port.</summary>
    public int ReadinessProbePort { get; init; } = 8081;

    /// <summary><c>--workers</c>: maximum concurrent evaluations (default: number of CPUs).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary><c>--cert-file</c>; HTTPS when both this and <see cref="KeyFile"/> are set.</summary>
    public string? CertFile { get; init; }

    /// <summary><c>--key-file</c>.</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>--client-ca-file</c>, split on commas; non-empty means mandatory mTLS.</summary>
    public IReadOnlyList<string> ClientCaFiles { get; init; } = [];

    /// <summary><see langword="true"/> when both <see cref="CertFile"/> and <see cref="KeyFile"/> are set.</summary>
    public bool TlsEnabled => CertFile is not null && KeyFile is not null;

    /// <summary><c>--policies</c>: the policies file.</summary>
    public string Policies { get; init; } = "policies.yml";

    /// <summary><c>--policies-download-dir</c>: module store root.</summary>
    public string PoliciesDownloadDir { get; init; } = ".";

    /// <summary><c>--sigstore-cache-dir</c> (not yet supported).</summary>
    public string SigstoreCacheDir { get; init; } = "sigstore-data";

    /// <summary><c>--sigstore-trust-config</c> (not yet supported).</summary>
    public string? SigstoreTrustConfigPath { get; init; }

    /// <summary><c>--sources-path</c>: <c>sources.yml</c> (insecure sources, extra certificate authorities).</summary>
    public string? SourcesPath { get; init; }

    /// <summary><c>--verification-path</c> (not yet supported).</summary>
    public string? VerificationConfigPath { get; init; }

    /// <summary><c>--docker-config-json-path</c>: the directory of the Docker <c>config.json</c> with registry credentials.</summary>
    public string? DockerConfigJsonPath { get; init; }

    /// <summary><c>--enable-metrics</c>.</summary>
    public bool EnableMetrics { get; init; }

    /// <summary><c>--always-accept-admission-reviews-on-namespace</c>.</summary>
    public string? AlwaysAcceptAdmissionReviewsOnNamespace { get; init; }

    /// <summary><c>--policy-timeout</c>: global evaluation timeout.</summary>
    public TimeSpan PolicyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>--disable-timeout-protection</c>.</summary>
    public bool DisableTimeoutProtection { get; init; }

    /// <summary><c>--ignore-kubernetes-connection-failure</c> (not yet supported).</summary>
    public bool IgnoreKubernetesConnectionFailure { get; init; }

    /// <summary><c>--log-level</c>: trace, debug, info, warn, error mapped to <see cref="Microsoft.Extensions.Logging.LogLevel"/>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>--log-fmt</c>.</summary>
    public PolicyServerLogFormat LogFormat { get; init; } = PolicyServerLogFormat.Text;

    /// <summary><c>--log-no-color</c> / <c>NO_COLOR</c>: no ANSI colours (Kubewarden inverts this, ambiguity A9; we do not).</summary>
    public bool LogNoColor { get; init; }

    /// <summary><c>--daemon</c> (not yet supported).</summary>
    public bool Daemon { get; init; }

    /// <summary><c>--daemon-pid-file</c> (not yet supported).</summary>
    public string DaemonPidFile { get; init; } = "policy-server.pid";

    /// <summary><c>--daemon-stdout-file</c> (not yet supported).</summary>
    public string? DaemonStdoutFile { get; init; }

    /// <summary><c>--daemon-stderr-file</c> (not yet supported).</summary>
    public string? DaemonStderrFile { get; init; }

    /// <summary><c>--enable-pprof</c> (not yet supported).</summary>
    public bool EnablePprof { get; init; }

    /// <summary><c>--continue-on-errors</c>: accepted, no effect (failing policies are always isolated).</summary>
    public bool ContinueOnErrors { get; init; }

    /// <summary><c>--max-policy-memory-mib</c> in bytes; <see langword="null"/> when 0 (no cap).</summary>
    public long? MaxPolicyMemoryBytes { get; init; } = 1024 * Mebibyte;

    /// <summary><c>--max-request-body-bytes</c>.</summary>
    public long MaxRequestBodyBytes { get; init; } = 2 * Mebibyte;

    /// <summary><c>--engine</c>.</summary>
    public PolicyServerEngine Engine { get; init; } = PolicyServerEngine.Wasmtime;

    /// <summary><c>--precompiled-cache-dir</c> (default: <c>.precompiled</c> under <see cref="PoliciesDownloadDir"/>).</summary>
    public string PrecompiledCacheDir { get; init; } = Path.Combine(".", ".precompiled");

    /// <summary><c>--registry-cache</c>: the registry-cache to pull registry policies through, or null.</summary>
    public Uri? RegistryCache { get; init; }

    /// <summary><c>--kubeconfig</c> / <c>KUBECONFIG</c>: kubeconfig path list, or null for <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }
    /// <summary><c>--replay-host-capabilities-interactions</c>: the kwctl session every gated host capability answers from, or null.</summary>
    public string? ReplayHostCapabilitiesInteractions { get; init; }

    /// <summary>
    /// Reads and validates every setting under the <c>PolicyServer</c> section. Missing keys take the flag defaults,
    /// so this also works on configuration that did not come from <see cref="CommandLineParser"/>.
    /// </summary>
    /// <param name="configuration">The configuration root (keys such as <c>PolicyServer:Port</c>).</param>
    /// <param name="errors">Every validation problem; empty when the returned options are valid.</param>
    /// <returns>The options; fields that failed validation keep their defaults.</returns>
    public static PolicyServerOptions Bind(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new Reader(configuration);
        var defaults = new PolicyServerOptions();
        var downloadDir = reader.Text(PolicyServerFlags.PoliciesDownloadDir) ?? defaults.PoliciesDownloadDir;
        var memoryMib = reader.Integer(PolicyServerFlags.MaxPolicyMemoryMib, 0, 65536, "0 (no cap)");

        var options = new PolicyServerOptions
        {
            Address = reader.IpAddress(PolicyServerFlags.Address) ?? defaults.Address,
            Port = (int?)reader.Integer(PolicyServerFlags.Port, 0, 65535) ?? defaults.Port,
            ReadinessProbePort = (int?)reader.Integer(PolicyServerFlags.ReadinessProbePort, 0, 65535)
                ?? defaults.ReadinessProbePort,
            Workers = (int?)reader.Integer(PolicyServerFlags.Workers, 1, 65536) ?? defaults.Workers,
            CertFile = reader.Text(PolicyServerFlags.CertFile),
            KeyFile = reader.Text(PolicyServerFlags.KeyFile),
            ClientCaFiles = reader.List(PolicyServerFlags.ClientCaFile),
            Policies = reader.Text(PolicyServerFlags.Policies) ?? defaults.Policies,
            PoliciesDownloadDir = downloadDir,
            SigstoreCacheDir = reader.Text(PolicyServerFlags.SigstoreCacheDir) ?? defaults.SigstoreCacheDir,
            SigstoreTrustConfigPath = reader.Text(PolicyServerFlags.SigstoreTrustConfig),
            SourcesPath = reader.Text(PolicyServerFlags.SourcesPath),
            VerificationConfigPath = reader.Text(PolicyServerFlags.VerificationPath),
            DockerConfigJsonPath = reader.Text(PolicyServerFlags.DockerConfigJsonPath),
            EnableMetrics = reader.Boolean(PolicyServerFlags.EnableMetrics),
            AlwaysAcceptAdmissionReviewsOnNamespace = reader.Text(PolicyServerFlags.AlwaysAcceptAdmissionReviewsOnNamespace),
            PolicyTimeout = reader.Integer(PolicyServerFlags.PolicyTimeout, 1, 86400) is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : defaults.PolicyTimeout,
            DisableTimeoutProtection = reader.Boolean(PolicyServerFlags.DisableTimeoutProtection),
            IgnoreKubernetesConnectionFailure = reader.Boolean(PolicyServerFlags.IgnoreKubernetesConnectionFailure),
            LogLevel = reader.OneOf(PolicyServerFlags.LogLevel, LogLevels) ?? defaults.LogLevel,
            LogFormat = reader.OneOf(PolicyServerFlags.LogFormat, LogFormats) ?? defaults.LogFormat,
            LogNoColor = reader.Boolean(PolicyServerFlags.LogNoColor),
            Daemon = reader.Boolean(PolicyServerFlags.Daemon),
            DaemonPidFile = reader.Text(PolicyServerFlags.DaemonPidFile) ?? defaults.DaemonPidFile,
            DaemonStdoutFile = reader.Text(PolicyServerFlags.DaemonStdoutFile),
            DaemonStderrFile = reader.Text(PolicyServerFlags.DaemonStderrFile),
            EnablePprof = reader.Boolean(PolicyServerFlags.EnablePprof),
            ContinueOnErrors = reader.Boolean(PolicyServerFlags.ContinueOnErrors),
            MaxPolicyMemoryBytes = memoryMib switch
            {
                null => defaults.MaxPolicyMemoryBytes,
                0 => null,
                var mib => mib * Mebibyte,
            },
            MaxRequestBodyBytes = reader.Integer(PolicyServerFlags.MaxRequestBodyBytes, 1, int.MaxValue)
                ?? defaults.MaxRequestBodyBytes,
            Engine = reader.Engine(),
            PrecompiledCacheDir = reader.Text(PolicyServerFlags.PrecompiledCacheDir)
                ?? Path.Combine(downloadDir, ".precompiled"),
            RegistryCache = reader.HttpUrl(PolicyServerFlags.RegistryCache),
            Kubeconfig = reader.Text(PolicyServerFlags.Kubeconfig),
            ReplayHostCapabilitiesInteractions = reader.Text(PolicyServerFlags.ReplayHostCapabilitiesInteractions),
        };

        if ((options.CertFile is null) != (options.KeyFile is null))
        {
            reader.Errors.Add("both certificate and key must be provided together");
        }

        if (options.ClientCaFiles.Count > 0 && !options.TlsEnabled)
        {
            reader.Errors.Add("--client-ca-file requires --cert-file and --key-file");
        }

        if (options.Port == options.ReadinessProbePort && options.Port != 0)
        {
            reader.Errors.Add(
                $"--port and --readiness-probe-port must be different ports (both are {options.Port.ToString(CultureInfo.InvariantCulture)})");
        }

        errors = reader.Errors;
        return options;
    }

    private static readonly (string Name, LogLevel Value)[] LogLevels =
    [
        ("trace", LogLevel.Trace), ("debug", LogLevel.Debug), ("info", LogLevel.Information),
        ("warn", LogLevel.Warning), ("error", LogLevel.Error),
    ];

    private static readonly (string Name, PolicyServerLogFormat Value)[] LogFormats =
    [
        ("text", PolicyServerLogFormat.Text), ("json", PolicyServerLogFormat.Json), ("otlp", PolicyServerLogFormat.Otlp),
    ];

    private sealed class Reader(IConfiguration configuration)
    {
        public List<string> Errors { get; } = [];

        public string? Text(CommandLineFlag flag)
        {
            var value = configuration[flag.ConfigurationKey] ?? flag.Default;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public IReadOnlyList<string> List(CommandLineFlag flag) =>
            Text(flag)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

        public bool Boolean(CommandLineFlag flag)
        {
            var text = Text(flag);
            if (text is null)
            {
                return false;
            }

            if (CommandLineParser.TryParseBoolean(text, out var value))
            {
                return value;
            }

            Invalid(flag, text, $"expected one of {CommandLineParser.AcceptedBooleans}");
            return false;
        }

        public long? Integer(CommandLineFlag flag, long minimum, long maximum, string? minimumText = null)
        {
            var text = Text(flag);
            if (text is null)
            {
                return null;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value >= minimum && value <= maximum)
            {
                return value;
            }

            var from = minimumText ?? minimum.ToString(CultureInfo.InvariantCulture);
            Invalid(flag, text, $"expected an integer from {from} to {maximum.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        public string? IpAddress(CommandLineFlag flag)
        {
            var text = Text(flag);
            if (text is null || IPAddress.TryParse(text, out _))
            {
                return text;
            }

            Invalid(flag, text, "expected an IP address");
            return null;
        }

        public T? OneOf<T>(CommandLineFlag flag, (string Name, T Value)[] choices)
            where T : struct
        {
            var text = Text(flag);
            if (text is null)
            {
                return null;
            }

            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Invalid(flag, text, "expected one of " + string.Join(", ", choices.Select(choice => choice.Name)));
            return null;
        }

        public Uri? HttpUrl(CommandLineFlag flag)
        {
            var text = Text(flag);
            if (text is null)
            {
                return null;
            }

            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                && url.AbsolutePath == "/" && string.IsNullOrEmpty(url.Query))
            {
                return url;
            }

            Invalid(flag, text, "expected an http:// or https:// URL without a path, e.g. http://registry-cache:5000");
            return null;
        }

        public PolicyServerEngine Engine() =>
            OneOf(PolicyServerFlags.Engine, [("wasmtime", PolicyServerEngine.Wasmtime), ("v8", PolicyServerEngine.V8)])
                ?? PolicyServerEngine.Wasmtime;

        private void Invalid(CommandLineFlag flag, string text, string expected) =>
            Errors.Add($"invalid value '{text}' for '--{flag.Name}' ({flag.EnvironmentVariable}): {expected}");
    }
}
