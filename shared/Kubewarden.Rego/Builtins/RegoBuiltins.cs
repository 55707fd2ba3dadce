using System.Collections.Frozen;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// The builtins the host implements: those Kubewarden's burrego implements. Every other OPA builtin is compiled into the
/// module by <c>opa build</c>; a module asking the host for one we lack cannot be evaluated.
/// </summary>
public static class RegoBuiltins
{
    /// <summary>Every host builtin by Rego name.</summary>
    public static FrozenDictionary<string, RegoBuiltin> All { get; } =
        new[]
        {
            DebuggingBuiltins.All, EncodingBuiltins.All, GlobBuiltins.All, JsonBuiltins.All,
            RegexBuiltins.All, SemverBuiltins.All, StringBuiltins.All, TimeBuiltins.All,
        }.SelectMany(b => b).ToFrozenDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>The names in <paramref name="required"/> the host does not implement, sorted.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> required) =>
        [.. required.Where(name => !All.ContainsKey(name)).Distinct().Order(StringComparer.Ordinal)];
}
