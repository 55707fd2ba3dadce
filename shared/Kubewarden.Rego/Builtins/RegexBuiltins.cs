namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins regex.split, regex.template_match and regex.find_n.</summary>
internal static class RegexBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
