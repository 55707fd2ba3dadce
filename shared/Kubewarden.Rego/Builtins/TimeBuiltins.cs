namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins time.now_ns, parse_rfc3339_ns and date.</summary>
internal static class TimeBuiltins
{
    public static IEnumerable<RegoBuiltin> All => [];
}
