using System.Text.RegularExpressions;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// A Go regexp (RE2 syntax) compiled for .NET, searched the way Go's <c>regexp</c> package searches. The .NET engine is
/// the non-backtracking one, linear in the input like RE2, and a match may take at most <see cref="MatchTimeout"/>.
/// </summary>
internal sealed class Re2Regex
{
    /// <summary>The longest one search may take: a pathological pattern cannot hold up the server.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private const int CacheCapacity = 100;
    private static readonly BoundedCache<string, Re2Regex> Cache = new(CacheCapacity);

    private readonly string _pattern;
    private readonly Regex _regex;

    private Re2Regex(string pattern, string dotnetPattern)
    {
        _pattern = pattern;
        try
        {
            _regex = new Regex(dotnetPattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException($"error parsing regexp: expression too large: `{pattern}`", e);
        }
    }

    /// <summary>The compiled <paramref name="pattern"/> (cached).</summary>
    /// <exception cref="FormatException">Go rejects the pattern.</exception>
    public static Re2Regex Get(string pattern) => Cache.GetOrAdd(pattern, Compile);

    /// <summary>Compiles <paramref name="pattern"/> (not cached).</summary>
    /// <exception cref="FormatException">Go rejects the pattern.</exception>
    public static Re2Regex Compile(string pattern) => new(pattern, Re2Translator.Translate(pattern));

    /// <summary>Whether <paramref name="input"/> contains a match.</summary>
    /// <exception cref="RegexMatchTimeoutException">The search took too long.</exception>
    public bool IsMatch(string input) => _regex.IsMatch(input);

    /// <summary>
    /// The first <paramref name="limit"/> successive non-overlapping matches (all when negative), as Go's <c>FindAllString</c>:
    /// an empty match right after the previous match does not count.
    /// </summary>
    /// <exception cref="RegexMatchTimeoutException">The search took too long.</exception>
    public List<string> FindAll(string input, long limit) =>
        [.. FindAllSpans(input, limit).Select(span => input[span.Start..span.End])];

    /// <summary>The text between the matches, as Go's <c>Split(s, -1)</c>.</summary>
    /// <exception cref="RegexMatchTimeoutException">The search took too long.</exception>
    public List<string> Split(string input)
    {
        if (_pattern.Length > 0 && input.Length == 0)
        {
            return [string.Empty];
        }

        var pieces = new List<string>();
        int begin = 0, end = 0;
        foreach (var span in FindAllSpans(input, -1))
        {
            end = span.Start;
            if (span.End != 0)
            {
                pieces.Add(input[begin..end]);
            }

            begin = span.End;
        }

        // Go compares the start of the last match, not its end, with the length: an empty match at the end adds no piece.
        if (end != input.Length)
        {
            pieces.Add(input[begin..]);
        }

        return pieces;
    }

    private List<(int Start, int End)> FindAllSpans(string input, long limit)
    {
        var spans = new List<(int Start, int End)>();
        if (limit < 0)
        {
            limit = long.MaxValue;
        }

        for (int position = 0, previousEnd = -1; spans.Count < limit && position <= input.Length;)
        {
            var match = _regex.Match(input, position);
            if (!match.Success)
            {
                break;
            }

            var end = match.Index + match.Length;
            var accept = true;
            if (end == position)
            {
                accept = match.Index != previousEnd;
                position += position == input.Length ? 1 : CodePointWidth(input, position);
            }
            else
            {
                position = end;
            }

            previousEnd = end;
            if (accept)
            {
                spans.Add((match.Index, end));
            }
        }

        return spans;
    }

    private static int CodePointWidth(string input, int position) =>
        char.IsHighSurrogate(input[position]) && position + 1 < input.Length && char.IsLowSurrogate(input[position + 1]) ? 2 : 1;
}
