namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins base64url, urlquery, hex, json.is_valid and yaml.</summary>
internal static class EncodingBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
