namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins glob.quote_meta.</summary>
internal static class GlobBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
