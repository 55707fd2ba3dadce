using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Registry credentials from a Docker <c>config.json</c>: <c>auths.&lt;host&gt;.auth</c> (base64 <c>user:pass</c>) or
/// <c>username</c>/<c>password</c>. Identity tokens and credential helpers are not supported; such hosts are anonymous.
/// </summary>
internal sealed class DockerCredentialStore
{
    private static readonly string[] DockerHubAliases = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    private readonly Dictionary<string, RegistryCredentials> _byHost;

    private DockerCredentialStore(string path, Dictionary<string, RegistryCredentials> byHost)
    {
        ConfigPath = path;
        _byHost = byHost;
    }

    /// <summary>The config file the credentials were read from (whether or not it exists).</summary>
    public string ConfigPath { get; }

    /// <summary>
    /// Finds the config file and reads it; a missing file gives an empty store, an unreadable one an empty store and a warning.
    /// </summary>
    /// <param name="configuredPath">A <c>config.json</c> file or a directory holding one; null for <c>DOCKER_CONFIG</c> or <c>~/.docker</c>.</param>
    /// <param name="logger">Receives warnings and debug notes about unsupported entries.</param>
    public static DockerCredentialStore Load(string? configuredPath, ILogger logger)
    {
        var path = ResolvePath(configuredPath);
        if (!File.Exists(path))
        {
            logger.DockerConfigMissing(path);
            return new DockerCredentialStore(path, new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal));
        }

        try
        {
            return new DockerCredentialStore(path, Parse(File.ReadAllBytes(path), logger));
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException or InvalidOperationException)
        {
            logger.DockerConfigUnreadable(path, e.Message);
            return new DockerCredentialStore(path, new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal));
        }
    }

    /// <summary>The credentials for a registry (<c>host</c> or <c>host:port</c>), or null.</summary>
    public RegistryCredentials? Find(string registry)
    {
        if (_byHost.TryGetValue(registry, out var credentials))
        {
            return credentials;
        }

        if (DockerHubAliases.Contains(registry, StringComparer.Ordinal))
        {
            foreach (var alias in DockerHubAliases)
            {
                if (_byHost.TryGetValue(alias, out credentials))
                {
                    return credentials;
                }
            }
        }

        return null;
    }

    internal static Dictionary<string, RegistryCredentials> Parse(ReadOnlySpan<byte> json, ILogger logger)
    {
        var result = new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.TryGetProperty("credsStore", out _) || root.TryGetProperty("credHelpers", out _))
        {
            logger.CredentialHelpersUnsupported();
        }

        if (!root.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            var host = NormalizeHost(entry.Name);
            var credentials = ReadEntry(entry.Value);
            if (credentials is not null)
            {
                result[host] = credentials;
            }
            else if (entry.Value.TryGetProperty("identitytoken", out _))
            {
                logger.IdentityTokenUnsupported(host);
            }
        }

        return result;
    }

    private static RegistryCredentials? ReadEntry(JsonElement entry)
    {
        if (entry.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }

        if (entry.TryGetProperty("username", out var user) && entry.TryGetProperty("password", out var password)
            && user.GetString() is { Length: > 0 } userName)
        {
            return new RegistryCredentials(userName, password.GetString() ?? "");
        }

        return null;
    }

    // Keys may be written as URLs (docker login writes https://index.docker.io/v1/ for Docker Hub).
    private static string NormalizeHost(string key)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? host[..slash] : host;
    }

    private static string ResolvePath(string? configuredPath)
    {
        if (!string.IsNullOrEmpty(configuredPath))
        {
            return Directory.Exists(configuredPath) ? Path.Combine(configuredPath, "config.json") : configuredPath;
        }

        var dockerConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (!string.IsNullOrEmpty(dockerConfig))
        {
            return Path.Combine(dockerConfig, "config.json");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "config.json");
    }
}
