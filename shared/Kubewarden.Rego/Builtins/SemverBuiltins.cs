using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins semver.is_valid and semver.compare.</summary>
internal static class SemverBuiltins
{
    private const string IsValid = "semver.is_valid";
    private const string Compare = "semver.compare";

    public static IEnumerable<RegoBuiltin> All =>
    [
        new(IsValid, 1, IsValidVersion),
        new(Compare, 2, CompareVersions),
    ];

    // Anything but a string is simply not a valid version.
    private static JsonNode? IsValidVersion(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments) =>
        JsonValue.Create(RegoArguments.At(arguments, 0, IsValid) is JsonValue value
            && value.GetValueKind() == JsonValueKind.String
            && SemanticVersion.Parse(value.GetValue<string>()) is not null);

    private static JsonNode? CompareVersions(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var a = RegoArguments.String(arguments, 0, Compare);
        var b = RegoArguments.String(arguments, 1, Compare);
        var versionA = SemanticVersion.Parse(a) ?? throw Invalid(1, a);
        var versionB = SemanticVersion.Parse(b) ?? throw Invalid(2, b);
        return JsonValue.Create(versionA.CompareTo(versionB));
    }

    private static RegoBuiltinException Invalid(int operand, string version) =>
        new($"{Compare}: operand {operand}: string {version} is not a valid SemVer");
}
