using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// OPA's <c>regex.template_match</c> templates (forked from gorilla/mux): text between the delimiters is a regexp, the
/// rest is literal, and the whole template must match the whole value.
/// </summary>
internal static class RegexTemplate
{
    /// <summary>The Go regexp equivalent to <paramref name="template"/>.</summary>
    /// <exception cref="FormatException">The delimiters are unbalanced, or an embedded regexp is invalid.</exception>
    public static string ToPattern(string template, char start, char end)
    {
        var pattern = new StringBuilder("^");
        int level = 0, opening = 0, literalStart = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == start)
            {
                if (++level == 1)
                {
                    opening = i;
                }
            }
            else if (template[i] == end)
            {
                if (--level == 0)
                {
                    var expression = template[(opening + 1)..i];

                    // Each embedded regexp must be valid on its own, not only within the whole pattern.
                    Re2Translator.Translate($"^{expression}$");
                    pattern.Append(GoStrings.QuoteMeta(template[literalStart..opening])).Append('(').Append(expression).Append(')');
                    literalStart = i + 1;
                }
                else if (level < 0)
                {
                    throw Unbalanced(template);
                }
            }
        }

        if (level != 0)
        {
            throw Unbalanced(template);
        }

        return pattern.Append(GoStrings.QuoteMeta(template[literalStart..])).Append('$').ToString();
    }

    private static FormatException Unbalanced(string template) => new($"unbalanced braces in {GoStrings.Quote(template)}");
}
