using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubewarden.Oci;

/// <summary>
/// A parsed registry reference: <c>registry://host[:port]/repo[:tag][@sha256:hex]</c>, or the same without a scheme.
/// A reference without a host names Docker Hub (<c>docker.io</c>, with <c>library/</c> for single-segment names); a
/// reference with neither tag nor digest names the tag <c>latest</c>. The first repository component may be a
/// <c>host:port</c>, as in a pull-through cache's addressing (<c>cache/upstream-host:port/repo</c>).
/// </summary>
public sealed partial record OciReference
{
    /// <summary>The scheme prefix of registry URLs.</summary>
    public const string RegistryScheme = "registry://";

    private const string DockerHub = "docker.io";
    private const string DockerHubApiHost = "registry-1.docker.io";
    private const string DefaultTag = "latest";

    private OciReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry as written (<c>host</c> or <c>host:port</c>), <c>docker.io</c> when none was given.</summary>
    public string Registry { get; }

    /// <summary>The host (and port) the registry API is served from: Docker Hub's API host for <c>docker.io</c>.</summary>
    public string ApiHost =>
        Registry is DockerHub or "index.docker.io" ? DockerHubApiHost : Registry;

    /// <summary>The repository path, e.g. <c>kubewarden/policies/pod-privileged</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag; <c>latest</c> when neither tag nor digest was given, null for a digest-only reference.</summary>
    public string? Tag { get; }

    /// <summary>The pinned manifest digest (<c>sha256:&lt;64 hex&gt;</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>What to ask the manifests endpoint for: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>
    /// Parses a registry reference.
    /// </summary>
    /// <param name="reference">With or without the <c>registry://</c> scheme.</param>
    /// <returns>The parsed reference.</returns>
    /// <exception cref="OciReferenceFormatException">The reference is malformed; the message says which part.</exception>
    public static OciReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var rest = StripScheme(reference);
        if (rest.Length == 0)
        {
            throw Invalid(reference, "it names no repository");
        }

        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw Invalid(reference, $"the digest '{digest}' is not sha256:<64 lowercase hex digits>");
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.IndexOf(':', lastSlash + 1);
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                throw Invalid(reference, $"the tag '{tag}' must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }

        var (registry, repository) = SplitRegistry(rest);
        ValidateRegistry(reference, registry);
        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        ValidateRepository(reference, repository);
        return new OciReference(registry, repository, tag ?? (digest is null ? DefaultTag : null), digest);
    }

    /// <summary>
    /// The same repository with the given manifest digest and no tag.
    /// </summary>
    /// <param name="digest">A manifest digest.</param>
    /// <returns>The digest-pinned reference.</returns>
    public OciReference WithDigest(string digest) => new(Registry, Repository, null, digest);

    /// <summary>
    /// The same artifact addressed through a pull-through registry cache: the cache becomes the registry and the upstream
    /// registry (with its port) becomes the first segment of the repository, e.g. <c>ghcr.io/org/p:v1</c> through
    /// <c>cache:5000</c> is <c>cache:5000/ghcr.io/org/p:v1</c>. Tag and digest are kept, so digests are still verified.
    /// </summary>
    /// <param name="cacheHost">The cache's <c>host[:port]</c>.</param>
    /// <returns>The reference to pull from the cache.</returns>
    public OciReference ThroughCache(string cacheHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheHost);
        return new OciReference(cacheHost, $"{Registry}/{Repository}", Tag, Digest);
    }

    /// <summary>The canonical form without scheme: <c>host/repo[:tag][@digest]</c>.</summary>
    /// <returns>The reference text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}");

    private static string StripScheme(string reference)
    {
        if (reference.StartsWith(RegistryScheme, StringComparison.Ordinal))
        {
            return reference[RegistryScheme.Length..];
        }

        var schemeEnd = reference.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            throw Invalid(reference, $"the scheme '{reference[..schemeEnd]}://' is not a registry scheme; use registry:// or no scheme");
        }

        return reference;
    }

    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (DockerHub, name);
        }

        var first = name[..slash];
        var looksLikeHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost";
        return looksLikeHost ? (first, name[(slash + 1)..]) : (DockerHub, name);
    }

    private static void ValidateRegistry(string reference, string registry)
    {
        var match = RegistryPattern().Match(registry);
        if (!match.Success)
        {
            throw Invalid(reference, $"the registry '{registry}' is not host or host:port");
        }

        if (match.Groups["port"].Success
            && (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535))
        {
            throw Invalid(reference, $"the port of registry '{registry}' is not between 1 and 65535");
        }
    }

    private static void ValidateRepository(string reference, string repository)
    {
        if (repository.Length == 0)
        {
            throw Invalid(reference, "it names no repository");
        }

        var components = repository.Split('/');
        for (var index = 0; index < components.Length; index++)
        {
            var component = components[index];
            var isUpstreamHost = index == 0 && components.Length > 1 && component.Contains(':', StringComparison.Ordinal)
                && RegistryPattern().IsMatch(component);
            if (!isUpstreamHost && !PathComponentPattern().IsMatch(component))
            {
                throw Invalid(reference,
                    $"the repository component '{component}' must be lowercase letters and digits separated by '.', '_', '__' or '-'");
            }
        }
    }

    private static OciReferenceFormatException Invalid(string reference, string reason) =>
        new($"invalid registry reference '{reference}': {reason}");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:(?<port>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();
}
