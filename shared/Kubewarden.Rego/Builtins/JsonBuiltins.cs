namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins json.patch.</summary>
internal static class JsonBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
