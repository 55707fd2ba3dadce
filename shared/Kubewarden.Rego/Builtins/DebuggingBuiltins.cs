namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins trace.</summary>
internal static class DebuggingBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
