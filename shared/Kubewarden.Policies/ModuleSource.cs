using System.Diagnostics.CodeAnalysis;

namespace Kubewarden.Policies;

/// <summary>
/// A parsed policy <c>module</c> URL (spec §9.1): tells the server how to fetch the module.
/// </summary>
public sealed record ModuleSource
{
    private const string Expected = "expected registry://, https://, http:// or file://";

    private ModuleSource(ModuleSourceKind kind, string originalUrl, string url)
    {
        Kind = kind;
        OriginalUrl = originalUrl;
        Url = url;
    }

    /// <summary>The fetch method.</summary>
    public ModuleSourceKind Kind { get; }

    /// <summary>The URL exactly as written in <c>policies.yml</c>.</summary>
    public string OriginalUrl { get; }

    /// <summary>The normalized URL; schemeless registry references get a <c>registry://</c> prefix.</summary>
    public string Url { get; }

    /// <summary>For <see cref="ModuleSourceKind.File"/>: the absolute local path (percent-decoded); otherwise <see langword="null"/>.</summary>
    public string? LocalPath { get; private init; }

    /// <summary>
    /// For HTTP(S) and registry sources: <c>host[:port]</c> (default ports omitted for HTTP(S)), as
    /// matched against <c>sources.yml</c>; registry references without a registry host resolve to
    /// <c>docker.io</c>. <see langword="null"/> for files.
    /// </summary>
    public string? Host { get; private init; }

    /// <summary>For <see cref="ModuleSourceKind.Registry"/>: the OCI reference without scheme (<c>ghcr.io/org/p:v1</c>); otherwise <see langword="null"/>.</summary>
    public string? Reference { get; private init; }

    /// <summary>Parses a module URL.</summary>
    /// <param name="url">The <c>module</c> value.</param>
    /// <returns>The source.</returns>
    /// <exception cref="FormatException">The URL has an unknown scheme or is malformed; the message says why.</exception>
    public static ModuleSource Parse(string url) =>
        TryParse(url, out var source, out var error) ? source : throw new FormatException(error);

    /// <summary>Parses a module URL without throwing.</summary>
    /// <param name="url">The <c>module</c> value.</param>
    /// <param name="source">The source on success.</param>
    /// <param name="error">
    /// The reason on failure, e.g. <c>unknown scheme `ftp` in module `ftp://x`; expected registry://, https://, http:// or file://</c>.
    /// </param>
    /// <returns>Whether the URL is valid.</returns>
    public static bool TryParse(string? url, [NotNullWhen(true)] out ModuleSource? source, [NotNullWhen(false)] out string? error)
    {
        source = null;
        error = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "module URL is empty";
            return false;
        }

        var scheme = SchemeOf(url);
        if (scheme is null)
        {
            return TryRegistry(url, url, out source, out error);
        }

        var rest = url[(scheme.Length + 1)..];
        switch (scheme.ToLowerInvariant())
        {
            case "registry":
                if (!rest.StartsWith("//", StringComparison.Ordinal))
                {
                    error = $"invalid module `{url}`: expected registry://host[:port]/repository:tag";
                    return false;
                }

                return TryRegistry(url, rest[2..], out source, out error);
            case "http" or "https":
                if (!rest.StartsWith("//", StringComparison.Ordinal)
                    || !Uri.TryCreate(url, UriKind.Absolute, out var httpUri)
                    || string.IsNullOrEmpty(httpUri.Host))
                {
                    error = $"invalid module `{url}`: expected {scheme.ToLowerInvariant()}://host[:port]/path";
                    return false;
                }

                var kind = httpUri.Scheme == Uri.UriSchemeHttps ? ModuleSourceKind.Https : ModuleSourceKind.Http;
                source = new ModuleSource(kind, url, httpUri.AbsoluteUri) { Host = httpUri.Authority };
                return true;
            case "file":
                if (!Uri.TryCreate(url, UriKind.Absolute, out var fileUri)
                    || !fileUri.IsFile
                    || !(string.IsNullOrEmpty(fileUri.Host) || string.Equals(fileUri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
                    || !fileUri.AbsolutePath.StartsWith('/'))
                {
                    error = $"invalid module `{url}`: file modules need an absolute path, e.g. file:///path/to/policy.wasm";
                    return false;
                }

                source = new ModuleSource(ModuleSourceKind.File, url, fileUri.AbsoluteUri)
                {
                    LocalPath = Uri.UnescapeDataString(fileUri.AbsolutePath),
                };
                return true;
            default:
                error = $"unknown scheme `{scheme}` in module `{url}`; {Expected}";
                return false;
        }
    }

    /// <summary>
    /// The URL scheme as a URL parser would read it, or <see langword="null"/> when there is none.
    /// <c>host:port/…</c> (digits after the colon) is a registry host, not a scheme.
    /// </summary>
    private static string? SchemeOf(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(url[i]) || url[i] is '+' or '-' or '.'))
            {
                return null;
            }
        }

        var port = colon + 1;
        while (port < url.Length && char.IsAsciiDigit(url[port]))
        {
            port++;
        }

        var isPort = port > colon + 1 && (port == url.Length || url[port] == '/');
        return isPort ? null : url[..colon];
    }

    private static bool TryRegistry(string originalUrl, string reference, [NotNullWhen(true)] out ModuleSource? source, [NotNullWhen(false)] out string? error)
    {
        source = null;
        error = null;
        if (reference.Length == 0 || reference.StartsWith('/') || reference.Any(char.IsWhiteSpace))
        {
            error = $"invalid module `{originalUrl}`: expected registry://host[:port]/repository:tag or host[:port]/repository:tag";
            return false;
        }

        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? null : reference[..slash];
        var host = first is not null && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            ? first
            : "docker.io";
        source = new ModuleSource(ModuleSourceKind.Registry, originalUrl, "registry://" + reference)
        {
            Host = host,
            Reference = reference,
        };
        return true;
    }
}
