namespace Kubewarden.RegistryCache.Api;

/// <summary>
/// A repository name as clients address the cache: <c>&lt;upstream host[:port]&gt;/&lt;repository&gt;</c>, the first segment
/// naming the upstream registry.
/// </summary>
internal readonly record struct RegistryName(string Host, string Repository)
{
    /// <summary>Splits <paramref name="name"/>; false when it has no repository after the host.</summary>
    public static bool TryParse(string name, out RegistryName parsed)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        parsed = slash > 0 && slash < name.Length - 1 ? new RegistryName(name[..slash], name[(slash + 1)..]) : default;
        return slash > 0 && slash < name.Length - 1;
    }

    public override string ToString() => $"{Host}/{Repository}";
}
