using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Which block-context styles can carry a string, by the analysis of go-yaml v3's emitter (a port of libyaml's):
/// indicators and surrounding spaces rule out plain; tabs, line breaks next to spaces and unprintable characters rule
/// out plain and single quotes; trailing spaces and unprintable characters rule out literal blocks.
/// </summary>
internal readonly record struct YamlScalarAnalysis(bool Plain, bool SingleQuoted, bool Block)
{
    public static YamlScalarAnalysis Of(string text)
    {
        if (text.Length == 0)
        {
            return new(Plain: true, SingleQuoted: true, Block: false);
        }

        var runes = text.EnumerateRunes().ToArray();
        var indicators = text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal);
        bool lineBreaks = false, tabs = false, special = false, leadingSpace = false, leadingBreak = false, trailingSpace = false,
            trailingBreak = false, breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        var precededByWhitespace = true;
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            var followedByWhitespace = i + 1 >= runes.Length || IsBlank(runes[i + 1].Value) || IsBreak(runes[i + 1].Value);
            indicators |= i == 0
                ? c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
                    || (c is '?' or ':' or '-' && followedByWhitespace)
                : (c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace);
            if (c == '\t')
            {
                tabs = true;
            }
            else if (!IsPrintable(c))
            {
                special = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == runes.Length - 1;
                breakSpace |= previousBreak;
                (previousSpace, previousBreak) = (true, false);
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == runes.Length - 1;
                spaceBreak |= previousSpace;
                (previousSpace, previousBreak) = (false, true);
            }
            else
            {
                (previousSpace, previousBreak) = (false, false);
            }

            precededByWhitespace = IsBlank(c) || IsBreak(c);
        }

        var plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || tabs || special || lineBreaks || indicators);
        var singleQuoted = !(breakSpace || spaceBreak || tabs || special);
        var block = !(trailingSpace || spaceBreak || special);
        return new(plain, singleQuoted, block);
    }

    private static bool IsBlank(int c) => c is ' ' or '\t';

    private static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    // libyaml's printable set; it leaves out tab, carriage return and everything beyond the Basic Multilingual Plane.
    private static bool IsPrintable(int c) =>
        c == '\n' || c is >= 0x20 and <= 0x7E || c is >= 0xA0 and <= 0xD7FF || (c is >= 0xE000 and <= 0xFFFD && c != 0xFEFF);
}
