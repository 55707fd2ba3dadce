using System.Collections.Frozen;
using System.Text.Json.Nodes;

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

    /// <summary>
    /// What a builtin returns to leave its result undefined, as OPA's do (e.g. <c>json.patch</c> when a patch does not
    /// apply): the rule using it is not satisfied, and the evaluation goes on. Compared by reference.
    /// </summary>
    public static JsonNode Undefined { get; } = JsonValue.Create("undefined");

    /// <summary>Whether a builtin result is <see cref="Undefined"/>.</summary>
    public static bool IsUndefined(JsonNode? result) => ReferenceEquals(result, Undefined);

    /// <summary>The names in <paramref name="required"/> the host does not implement, sorted.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> required) =>
        [.. required.Where(name => !All.ContainsKey(name)).Distinct().Order(StringComparer.Ordinal)];
}
