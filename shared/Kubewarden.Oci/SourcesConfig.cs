using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.Oci;

/// <summary>
/// The parsed <c>sources.yml</c>: hosts that may be reached without TLS verification, and extra trusted roots per host.
/// </summary>
public sealed class SourcesConfig
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="insecureSources">Hosts (<c>host</c> or <c>host:port</c>, exact match) allowed to fall back to unverified HTTPS and plain HTTP.</param>
    /// <param name="sourceAuthorities">Extra trusted root certificates per <c>host</c> or <c>host:port</c>.</param>
    public SourcesConfig(IEnumerable<string> insecureSources, IReadOnlyDictionary<string, X509Certificate2Collection> sourceAuthorities)
    {
        ArgumentNullException.ThrowIfNull(insecureSources);
        ArgumentNullException.ThrowIfNull(sourceAuthorities);
        InsecureSources = insecureSources.ToFrozenSet(StringComparer.Ordinal);
        SourceAuthorities = sourceAuthorities.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>No insecure sources and no extra authorities.</summary>
    public static SourcesConfig Empty { get; } = new([], new Dictionary<string, X509Certificate2Collection>());

    /// <summary>Hosts allowed to fall back to unverified HTTPS and plain HTTP.</summary>
    public IReadOnlySet<string> InsecureSources { get; }

    /// <summary>Extra trusted root certificates per host.</summary>
    public IReadOnlyDictionary<string, X509Certificate2Collection> SourceAuthorities { get; }

    /// <summary>Whether <paramref name="hostAndPort"/> is listed in <c>insecure_sources</c>.</summary>
    /// <param name="hostAndPort"><c>host</c> or <c>host:port</c> as written in the URL.</param>
    /// <returns>True when listed exactly.</returns>
    public bool IsInsecure(string hostAndPort) => InsecureSources.Contains(hostAndPort);

    /// <summary>The extra roots configured for <paramref name="hostAndPort"/>, or an empty collection.</summary>
    /// <param name="hostAndPort"><c>host</c> or <c>host:port</c> as written in the URL.</param>
    /// <returns>The extra roots.</returns>
    public X509Certificate2Collection AuthoritiesFor(string hostAndPort) =>
        SourceAuthorities.TryGetValue(hostAndPort, out var roots) ? roots : [];
}
