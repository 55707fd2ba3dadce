namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins semver.is_valid and semver.compare.</summary>
internal static class SemverBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
