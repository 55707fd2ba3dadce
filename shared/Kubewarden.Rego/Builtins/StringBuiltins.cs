namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins sprintf.</summary>
internal static class StringBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
