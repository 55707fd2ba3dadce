using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins glob.quote_meta.</summary>
internal static class GlobBuiltins
{
    // The metacharacters gobwas/glob's QuoteMeta escapes; ',', '!' and '-' are special only inside {} and [].
    private const string Metacharacters = @"*?\[]{}";

    public static IEnumerable<RegoBuiltin> All =>
    [
        new("glob.quote_meta", 1, (_, arguments) => QuoteMeta(RegoArguments.String(arguments, 0, "glob.quote_meta"))),
    ];

    private static string QuoteMeta(string pattern)
    {
        var quoted = new StringBuilder(pattern.Length * 2);
        foreach (var character in pattern)
        {
            if (Metacharacters.Contains(character, StringComparison.Ordinal))
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.ToString();
    }
}
