using System.Collections.Frozen;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>
/// A policy's <c>hostCapabilities</c>: <c>*</c> (everything), exact leaf paths, or prefixes ending in <c>/*</c>.
/// An empty list denies everything.
/// </summary>
public sealed class HostCapabilityAllowList
{
    private readonly bool _allowAll;
    private readonly FrozenSet<string> _exact;
    private readonly string[] _prefixes;

    private HostCapabilityAllowList(bool allowAll, FrozenSet<string> exact, string[] prefixes)
    {
        _allowAll = allowAll;
        _exact = exact;
        _prefixes = prefixes;
    }

    /// <summary>Allows every capability.</summary>
    public static HostCapabilityAllowList AllowAll { get; } = new(true, FrozenSet<string>.Empty, []);

    /// <summary>Denies every capability (the default when the field is absent).</summary>
    public static HostCapabilityAllowList DenyAll { get; } = new(false, FrozenSet<string>.Empty, []);

    /// <summary>Parses patterns; every invalid pattern is reported.</summary>
    /// <exception cref="PolicyLoadException">One or more patterns are invalid; the message lists them all.</exception>
    public static HostCapabilityAllowList Parse(IEnumerable<string>? patterns)
    {
        var list = patterns?.ToList() ?? [];
        if (list.Contains("*"))
        {
            return AllowAll;
        }

        var errors = new List<string>();
        var exact = new List<string>();
        var prefixes = new List<string>();
        foreach (var pattern in list)
        {
            if (Validate(pattern) is { } error)
            {
                errors.Add(error);
            }
            else if (pattern.EndsWith("/*", StringComparison.Ordinal))
            {
                prefixes.Add(pattern[..^1]);
            }
            else
            {
                exact.Add(pattern);
            }
        }

        if (errors.Count > 0)
        {
            throw new PolicyLoadException($"invalid hostCapabilities pattern: {string.Join("; ", errors)}");
        }

        return list.Count == 0 ? DenyAll : new HostCapabilityAllowList(false, exact.ToFrozenSet(StringComparer.Ordinal), prefixes.ToArray());
    }

    /// <summary>Whether <paramref name="path"/> (<c>namespace/operation</c>) is allowed.</summary>
    public bool Allows(string path)
    {
        if (_allowAll || _exact.Contains(path))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Validate(string pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "an empty string is not a capability; use \"*\" or a path such as \"oci/v1/verify\"";
        }

        var wildcard = pattern.EndsWith("/*", StringComparison.Ordinal);
        var path = wildcard ? pattern[..^2] : pattern;
        if (path.Contains('*', StringComparison.Ordinal))
        {
            return $"`{pattern}`: `*` may only stand alone or as the whole last segment (e.g. \"oci/*\")";
        }

        if (wildcard)
        {
            return HostCapabilityTree.Nodes.Contains(path)
                ? null
                : $"`{pattern}`: `{path}` is not a capability group; known groups: {string.Join(", ", HostCapabilityTree.Nodes.Order(StringComparer.Ordinal))}";
        }

        if (HostCapabilityTree.Leaves.Contains(pattern))
        {
            return null;
        }

        return HostCapabilityTree.Nodes.Contains(pattern)
            ? $"`{pattern}` names a group, not a capability; write \"{pattern}/*\" to allow the whole group"
            : $"`{pattern}` is not a known capability; known capabilities: {string.Join(", ", HostCapabilityTree.Leaves.Order(StringComparer.Ordinal))}";
    }
}
