using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// A character class of a Go regexp (bracketed, Perl, POSIX or Unicode), rendered as a .NET pattern. Go matches code points,
/// .NET matches UTF-16 code units: code points beyond U+FFFF are rendered as surrogate pairs so that a class never matches
/// half of one.
/// </summary>
internal sealed class Re2CharClass
{
    private const int MaxCodePoint = 0x10FFFF;
    private const int FirstAstral = 0x10000;
    private const string AnySurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";

    private readonly List<(int First, int Last)> _ranges = [];
    private readonly List<string> _categories = [];
    private bool _negatedCategory;

    /// <summary>Adds the code points <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Add(int first, int last) => _ranges.Add((first, last));

    /// <summary>Adds <paramref name="ranges"/>, or every code point outside them.</summary>
    public void Add(IReadOnlyList<(int First, int Last)> ranges, bool negated) =>
        _ranges.AddRange(negated ? Complement(Normalize(ranges)) : ranges);

    /// <summary>
    /// Adds the Unicode general category <paramref name="name"/> (such as <c>Lu</c>), or everything outside it. .NET knows
    /// categories of BMP characters only: beyond U+FFFF, a category matches nothing and its complement everything.
    /// </summary>
    public void AddCategory(string name, bool negated)
    {
        _categories.Add(negated ? $@"\P{{{name}}}" : $@"\p{{{name}}}");
        _negatedCategory |= negated;
    }

    /// <summary>The .NET pattern matching one character of this class, or of its complement.</summary>
    public string Render(bool negated)
    {
        var ranges = Normalize(_ranges);
        var basic = Members(Clip(ranges, 0, 0xFFFF).SelectMany(ExcludeSurrogates).ToList()) + string.Concat(_categories);
        var astral = Clip(ranges, FirstAstral, MaxCodePoint);
        var alternatives = new List<string>();
        if (!negated)
        {
            if (basic.Length > 0)
            {
                // A category complement such as \P{L} would match half of a surrogate pair.
                alternatives.Add(_negatedCategory ? $@"[{basic}-[\uD800-\uDFFF]]" : $"[{basic}]");
            }

            alternatives.AddRange(_negatedCategory ? [AnySurrogatePair] : SurrogatePairs(astral));
        }
        else
        {
            // .NET negates the BMP part itself, so that it applies case folding before negating, as Go does.
            alternatives.Add($@"[^{basic}\uD800-\uDFFF]");
            if (!_negatedCategory)
            {
                alternatives.AddRange(_categories.Count > 0
                    ? [AnySurrogatePair]
                    : SurrogatePairs(Clip(Complement(astral), FirstAstral, MaxCodePoint)));
            }
        }

        return alternatives.Count switch
        {
            0 => @"[^\u0000-\uFFFF]",
            1 => alternatives[0],
            _ => $"(?:{string.Join('|', alternatives)})",
        };
    }

    private static List<(int First, int Last)> Normalize(IEnumerable<(int First, int Last)> ranges)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && range.First <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static List<(int First, int Last)> Complement(List<(int First, int Last)> normalized)
    {
        var complement = new List<(int First, int Last)>();
        var next = 0;
        foreach (var (first, last) in normalized)
        {
            if (first > next)
            {
                complement.Add((next, first - 1));
            }

            next = last + 1;
        }

        if (next <= MaxCodePoint)
        {
            complement.Add((next, MaxCodePoint));
        }

        return complement;
    }

    private static List<(int First, int Last)> Clip(List<(int First, int Last)> ranges, int low, int high) =>
        [.. ranges.Where(r => r.Last >= low && r.First <= high).Select(r => (Math.Max(r.First, low), Math.Min(r.Last, high)))];

    private static IEnumerable<(int First, int Last)> ExcludeSurrogates((int First, int Last) range)
    {
        if (range.First < 0xD800)
        {
            yield return (range.First, Math.Min(range.Last, 0xD7FF));
        }

        if (range.Last > 0xDFFF)
        {
            yield return (Math.Max(range.First, 0xE000), range.Last);
        }
    }

    private static string Members(List<(int First, int Last)> ranges)
    {
        var members = new StringBuilder();
        foreach (var (first, last) in ranges)
        {
            members.Append(Escape(first));
            if (last != first)
            {
                members.Append('-').Append(Escape(last));
            }
        }

        return members.ToString();
    }

    private static IEnumerable<string> SurrogatePairs(List<(int First, int Last)> astral)
    {
        foreach (var (first, last) in astral)
        {
            var (highFirst, lowFirst) = Split(first);
            var (highLast, lowLast) = Split(last);
            if (highFirst == highLast)
            {
                yield return $"{Escape(highFirst)}[{Escape(lowFirst)}-{Escape(lowLast)}]";
                continue;
            }

            if (lowFirst != 0xDC00)
            {
                yield return $@"{Escape(highFirst)}[{Escape(lowFirst)}-\uDFFF]";
                highFirst++;
            }

            var tail = lowLast != 0xDFFF ? $@"{Escape(highLast)}[\uDC00-{Escape(lowLast)}]" : null;
            if (tail is not null)
            {
                highLast--;
            }

            if (highFirst <= highLast)
            {
                yield return $@"[{Escape(highFirst)}-{Escape(highLast)}][\uDC00-\uDFFF]";
            }

            if (tail is not null)
            {
                yield return tail;
            }
        }
    }

    private static (int High, int Low) Split(int codePoint) =>
        (0xD800 + ((codePoint - FirstAstral) >> 10), 0xDC00 + ((codePoint - FirstAstral) & 0x3FF));

    private static string Escape(int unit) => @"\u" + unit.ToString("X4", CultureInfo.InvariantCulture);
}
