using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Rewrites a Go regexp (RE2 syntax, compiled as Go's <c>regexp.Compile</c> does) into a .NET pattern with the same meaning,
/// for <see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/> without other options. What Go rejects
/// throws <see cref="FormatException"/> with Go's message.
/// </summary>
/// <remarks>
/// Everything is spelled out explicitly because the engines differ: Go's <c>\d \s \w</c> and POSIX classes are ASCII-only,
/// <c>$</c> matches only at the very end, <c>.</c> and classes match whole code points. Flags (<c>i m s U</c>) are
/// tracked here and applied to each item they govern (<c>(?i:x)</c>, <c>(?m:^)</c>, lazy quantifiers), so that a flag
/// group leaves no .NET option in force and repetitions still apply to the item before them.
/// </remarks>
internal sealed class Re2Translator
{
    private const int MaxRepeat = 1000;
    private const int MaxNesting = 1000;

    private static readonly (int, int)[] Digits = [('0', '9')];
    private static readonly (int, int)[] Spaces = [('\t', '\n'), ('\f', '\r'), (' ', ' ')];
    private static readonly (int, int)[] WordCharacters = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    private static readonly Dictionary<string, (int, int)[]> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["ascii"] = [(0, 0x7F)],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["digit"] = Digits,
        ["graph"] = [('!', '~')],
        ["lower"] = [('a', 'z')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["upper"] = [('A', 'Z')],
        ["word"] = WordCharacters,
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };

    // Go's Unicode general categories; .NET knows them by the same names. Scripts (\p{Greek}) have no .NET equivalent.
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    private readonly string _pattern;
    private readonly StringBuilder _output = new();
    private readonly Stack<Group> _groups = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _position;
    private Flags _flags;

    // Where the item a repetition operator would apply to starts in the output (-1: none, as after "(" or "|").
    private int _itemStart = -1;

    // Go refuses nested counted repetitions asking for more than 1000 copies of their innermost item:
    // the copies the last item asks for, and the most any earlier item of the current group asks for.
    private long _itemCopies;
    private long _groupCopies;

    // Where the repetition operator just parsed starts (-1: the last token was not one): Go refuses "a**".
    private int _repeatStart = -1;

    private Re2Translator(string pattern) => _pattern = pattern;

    [Flags]
    private enum Flags
    {
        None = 0,
        FoldCase = 1,
        MultiLine = 2,
        DotMatchesNewLine = 4,
        NonGreedy = 8,
    }

    /// <summary>The .NET pattern meaning what <paramref name="pattern"/> means to Go.</summary>
    /// <exception cref="FormatException">Go rejects the pattern.</exception>
    public static string Translate(string pattern)
    {
        var translator = new Re2Translator(pattern);
        translator.TranslateAll();
        return translator._output.ToString();
    }

    private void TranslateAll()
    {
        while (_position < _pattern.Length)
        {
            var previousRepeat = _repeatStart;
            _repeatStart = -1;
            switch (_pattern[_position])
            {
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    CloseGroup();
                    break;
                case '|':
                    _position++;
                    EndItem();
                    _itemStart = -1;
                    _output.Append('|');
                    break;
                case '^':
                    _position++;
                    AppendItem(_flags.HasFlag(Flags.MultiLine) ? "(?m:^)" : @"\A", foldable: false);
                    break;
                case '$':
                    _position++;
                    AppendItem(_flags.HasFlag(Flags.MultiLine) ? "(?m:$)" : @"\z", foldable: false);
                    break;
                case '.':
                    _position++;
                    AppendDot();
                    break;
                case '[':
                    AppendItem(ParseBracketClass());
                    break;
                case '*':
                    Repeat(0, -1, "*", previousRepeat);
                    break;
                case '+':
                    Repeat(1, -1, "+", previousRepeat);
                    break;
                case '?':
                    Repeat(0, 1, "?", previousRepeat);
                    break;
                case '{':
                    if (TryParseRepeatCount(out var min, out var max, out var quantifier))
                    {
                        Repeat(min, max, quantifier, previousRepeat);
                    }
                    else
                    {
                        _position++;
                        AppendLiteral('{');
                    }

                    break;
                case '\\':
                    TranslateEscape();
                    break;
                default:
                    AppendLiteral(NextCodePoint());
                    break;
            }
        }

        if (_groups.Count > 0)
        {
            throw Error("missing closing )", _pattern);
        }
    }

    private void OpenGroup()
    {
        var start = _position;
        if (_groups.Count >= MaxNesting)
        {
            throw Error("expression nests too deeply", _pattern);
        }

        if (!At(start + 1, '?'))
        {
            _position++;
            PushGroup("(", _flags);
            return;
        }

        var named = At(start + 2, 'P') && At(start + 3, '<') && _pattern.Length > start + 4;
        if (named || (At(start + 2, '<') && _pattern.Length > start + 3))
        {
            OpenNamedGroup(start, named ? start + 4 : start + 3);
            return;
        }

        var flags = _flags;
        var negated = false;
        var sawFlag = false;
        for (var i = start + 2; i < _pattern.Length; i++)
        {
            var flag = _pattern[i] switch
            {
                'i' => Flags.FoldCase,
                'm' => Flags.MultiLine,
                's' => Flags.DotMatchesNewLine,
                'U' => Flags.NonGreedy,
                _ => Flags.None,
            };
            if (flag != Flags.None)
            {
                flags = negated ? flags & ~flag : flags | flag;
                sawFlag = true;
            }
            else if (_pattern[i] == '-' && !negated)
            {
                negated = true;
                sawFlag = false;
            }
            else if ((_pattern[i] == ':' || _pattern[i] == ')') && (!negated || sawFlag))
            {
                _position = i + 1;
                if (_pattern[i] == ':')
                {
                    PushGroup("(?:", flags);
                }

                // A flag group alone changes the flags of what follows in the enclosing group, and is no item itself.
                _flags = flags;
                return;
            }
            else
            {
                throw Error("invalid or unsupported Perl syntax", _pattern[start..(i + 1)]);
            }
        }

        throw Error("invalid or unsupported Perl syntax", _pattern[start..]);
    }

    private void OpenNamedGroup(int start, int nameStart)
    {
        var end = _pattern.IndexOf('>', nameStart);
        if (end < 0)
        {
            throw Error("invalid named capture", _pattern[start..]);
        }

        var name = _pattern[nameStart..end];
        if (name.Length == 0 || !name.All(c => c == '_' || char.IsLetterOrDigit(c)) || !_names.Add(name))
        {
            throw Error("invalid named capture", _pattern[start..(end + 1)]);
        }

        _position = end + 1;

        // Names only matter to submatch builtins; the group keeps Go's capture number by being an ordinary .NET group.
        PushGroup("(", _flags);
    }

    private void PushGroup(string opening, Flags flags)
    {
        EndItem();
        _groups.Push(new Group(_flags, _groupCopies, _output.Length));
        _output.Append(opening);
        _flags = flags;
        _groupCopies = 0;
        _itemStart = -1;
    }

    private void CloseGroup()
    {
        if (_groups.Count == 0)
        {
            throw Error("unexpected )", _pattern);
        }

        _position++;
        EndItem();
        var group = _groups.Pop();
        _output.Append(')');
        _itemCopies = _groupCopies;
        _flags = group.OuterFlags;
        _groupCopies = group.OuterGroupCopies;
        _itemStart = group.OutputStart;
    }

    private void Repeat(int min, int max, string quantifier, int previousRepeat)
    {
        var start = _position;
        _position += quantifier.Length;
        var lazy = At(_position, '?');
        if (lazy)
        {
            _position++;
        }

        if (previousRepeat >= 0)
        {
            throw Error("invalid nested repetition operator", _pattern[previousRepeat.._position]);
        }

        if (_itemStart < 0)
        {
            throw Error("missing argument to repetition operator", _pattern[start.._position]);
        }

        if (quantifier[0] == '{')
        {
            var copies = max == 0 ? 0 : max < 0 ? min : max;
            _itemCopies = copies == 0 ? (max == 0 ? 0 : _itemCopies) : Math.Min(copies * Math.Max(1, _itemCopies), MaxRepeat + 1);
            if ((min >= 2 || max >= 2) && _itemCopies > MaxRepeat)
            {
                throw Error("invalid repeat count", _pattern[start.._position]);
            }
        }

        _output.Insert(_itemStart, "(?:").Append(')').Append(quantifier);
        if (lazy != _flags.HasFlag(Flags.NonGreedy))
        {
            _output.Append('?');
        }

        _repeatStart = start;
    }

    // Go's {n}, {n,} and {n,m}; anything else starting with "{" is a literal "{".
    private bool TryParseRepeatCount(out int min, out int max, out string quantifier)
    {
        min = max = 0;
        quantifier = string.Empty;
        var position = _position + 1;
        if (!TryParseCount(ref position, out min) || position >= _pattern.Length)
        {
            return false;
        }

        if (_pattern[position] != ',')
        {
            max = min;
        }
        else if (++position < _pattern.Length && _pattern[position] == '}')
        {
            max = -1;
        }
        else if (!TryParseCount(ref position, out max))
        {
            return false;
        }
        else if (max < 0)
        {
            min = -1;
        }

        if (!At(position, '}'))
        {
            return false;
        }

        quantifier = _pattern[_position..(position + 1)];
        if (min < 0 || min > MaxRepeat || max > MaxRepeat || (max >= 0 && min > max))
        {
            throw Error("invalid repeat count", quantifier);
        }

        return true;
    }

    // Digits without a leading zero; -1 when too large (Go's parseInt).
    private bool TryParseCount(ref int position, out int value)
    {
        value = 0;
        var start = position;
        while (position < _pattern.Length && char.IsAsciiDigit(_pattern[position]))
        {
            position++;
        }

        var digits = _pattern[start..position];
        if (digits.Length == 0 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        value = digits.Length > 8 ? -1 : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private void TranslateEscape()
    {
        if (_position + 1 >= _pattern.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        switch (_pattern[_position + 1])
        {
            case 'A':
                _position += 2;
                AppendItem(@"\A", foldable: false);
                break;
            case 'z':
                _position += 2;
                AppendItem(@"\z", foldable: false);
                break;
            case 'b':
                _position += 2;
                AppendItem(@"\b", foldable: false);
                break;
            case 'B':
                _position += 2;
                AppendItem(@"\B", foldable: false);
                break;
            case 'C':
                throw Error("invalid escape sequence", @"\C");
            case 'Q':
                AppendQuoted();
                break;
            case 'p' or 'P':
                var (name, unicodePositive) = ParseUnicodeClass();
                var unicode = new Re2CharClass();
                AddUnicodeClass(unicode, name, negated: false);
                AppendItem(unicode.Render(negated: !unicodePositive));
                break;
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                var (ranges, perlPositive) = ParsePerlClass();
                var perl = new Re2CharClass();
                perl.Add(ranges, negated: false);
                AppendItem(perl.Render(negated: !perlPositive));
                break;
            default:
                AppendLiteral(ParseEscape());
                break;
        }
    }

    // \Q...\E: literal text up to \E or the end of the pattern.
    private void AppendQuoted()
    {
        _position += 2;
        var end = _pattern.IndexOf(@"\E", _position, StringComparison.Ordinal);
        var stop = end < 0 ? _pattern.Length : end;
        while (_position < stop)
        {
            AppendLiteral(NextCodePoint());
        }

        _position = end < 0 ? stop : end + 2;
    }

    private string ParseBracketClass()
    {
        var start = _position++;
        var negated = At(_position, '^');
        if (negated)
        {
            _position++;
        }

        var characters = new Re2CharClass();
        var first = true;
        while (first || !At(_position, ']'))
        {
            first = false;
            if (TryParsePosixClass(characters))
            {
                continue;
            }

            if (At(_position, '\\') && _position + 2 < _pattern.Length && _pattern[_position + 1] is 'p' or 'P')
            {
                var (name, positive) = ParseUnicodeClass();
                AddUnicodeClass(characters, name, negated: !positive);
                continue;
            }

            if (At(_position, '\\') && _position + 1 < _pattern.Length && _pattern[_position + 1] is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
            {
                var (ranges, positive) = ParsePerlClass();
                characters.Add(ranges, negated: !positive);
                continue;
            }

            var rangeStart = _position;
            var low = ParseClassCharacter(start);
            var high = low;
            if (At(_position, '-') && _position + 1 < _pattern.Length && _pattern[_position + 1] != ']')
            {
                _position++;
                high = ParseClassCharacter(start);
                if (high < low)
                {
                    throw Error("invalid character class range", _pattern[rangeStart.._position]);
                }
            }

            characters.Add(low, high);
        }

        _position++;
        return characters.Render(negated);
    }

    private int ParseClassCharacter(int classStart)
    {
        if (_position >= _pattern.Length)
        {
            throw Error("missing closing ]", _pattern[classStart..]);
        }

        return _pattern[_position] == '\\' ? ParseEscape() : NextCodePoint();
    }

    // [:alpha:] and [:^alpha:] inside a bracketed class; "[:" without ":]" is a literal "[".
    private bool TryParsePosixClass(Re2CharClass characters)
    {
        if (!At(_position, '[') || !At(_position + 1, ':') || _position + 2 >= _pattern.Length)
        {
            return false;
        }

        var end = _pattern.IndexOf(":]", _position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var text = _pattern[_position..(end + 2)];
        var negated = text.StartsWith("[:^", StringComparison.Ordinal);
        if (!PosixClasses.TryGetValue(text[(negated ? 3 : 2)..^2], out var ranges))
        {
            throw Error("invalid character class range", text);
        }

        characters.Add(ranges, negated);
        _position = end + 2;
        return true;
    }

    // \d \D \s \S \w \W.
    private ((int, int)[] Ranges, bool Positive) ParsePerlClass()
    {
        var letter = _pattern[_position + 1];
        _position += 2;
        var ranges = char.ToLowerInvariant(letter) switch
        {
            'd' => Digits,
            's' => Spaces,
            _ => WordCharacters,
        };
        return (ranges, char.IsLower(letter));
    }

    // \pL, \p{Lu}, \p{^Lu}, \PL, \P{Lu}, \p{Any}: the class name and whether it is positive.
    private (string Name, bool Positive) ParseUnicodeClass()
    {
        var start = _position;
        var positive = _pattern[_position + 1] == 'p';
        _position += 2;
        string name;
        if (At(_position, '{'))
        {
            var end = _pattern.IndexOf('}', _position);
            if (end < 0)
            {
                throw Error("invalid character class range", _pattern[start..]);
            }

            name = _pattern[(_position + 1)..end];
            _position = end + 1;
        }
        else
        {
            name = _position < _pattern.Length ? char.ConvertFromUtf32(NextCodePoint()) : string.Empty;
        }

        if (name.StartsWith('^'))
        {
            positive = !positive;
            name = name[1..];
        }

        if (name != "Any" && !Categories.Contains(name))
        {
            throw Error("invalid character class range (Unicode scripts are not supported)", _pattern[start.._position]);
        }

        return (name, positive);
    }

    private static void AddUnicodeClass(Re2CharClass characters, string name, bool negated)
    {
        if (name == "Any")
        {
            characters.Add([(0, 0x10FFFF)], negated);
        }
        else
        {
            characters.AddCategory(name, negated);
        }
    }

    // An escaped literal character (Go's parseEscape).
    private int ParseEscape()
    {
        var start = _position;
        _position++;
        if (_position >= _pattern.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        var c = NextCodePoint();
        if (c < 0x80 && !char.IsAsciiLetterOrDigit((char)c))
        {
            return c;
        }

        switch (c)
        {
            case >= '1' and <= '7' when !IsOctalDigitAt(_position):
                break; // a backreference, which RE2 does not support
            case >= '0' and <= '7':
                var value = c - '0';
                for (var digits = 1; digits < 3 && IsOctalDigitAt(_position); digits++)
                {
                    value = (value * 8) + (_pattern[_position++] - '0');
                }

                return value;
            case 'x':
                if (TryParseHexEscape(out var codePoint))
                {
                    return codePoint;
                }

                break;
            case 'a':
                return '\a';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'v':
                return '\v';
        }

        throw Error("invalid escape sequence", _pattern[start..Math.Min(_position, _pattern.Length)]);
    }

    // \xFF or \x{10FFFF}, after the "x".
    private bool TryParseHexEscape(out int codePoint)
    {
        codePoint = 0;
        if (At(_position, '{'))
        {
            _position++;
            var digits = 0;
            while (_position < _pattern.Length)
            {
                var digit = _pattern[_position++];
                if (digit == '}')
                {
                    return digits > 0;
                }

                if (!char.IsAsciiHexDigit(digit) || (codePoint = (codePoint * 16) + HexValue(digit)) > 0x10FFFF)
                {
                    return false;
                }

                digits++;
            }

            return false;
        }

        for (var digits = 0; digits < 2; digits++)
        {
            if (_position >= _pattern.Length || !char.IsAsciiHexDigit(_pattern[_position]))
            {
                _position = Math.Min(_position + 1, _pattern.Length);
                return false;
            }

            codePoint = (codePoint * 16) + HexValue(_pattern[_position++]);
        }

        return true;
    }

    private static int HexValue(char digit) => char.IsAsciiDigit(digit) ? digit - '0' : char.ToLowerInvariant(digit) - 'a' + 10;

    private bool IsOctalDigitAt(int position) => position < _pattern.Length && _pattern[position] is >= '0' and <= '7';

    private bool At(int position, char c) => position < _pattern.Length && _pattern[position] == c;

    private int NextCodePoint()
    {
        var c = _pattern[_position];
        if (char.IsHighSurrogate(c) && _position + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_position + 1]))
        {
            _position += 2;
            return char.ConvertToUtf32(c, _pattern[_position - 1]);
        }

        if (char.IsSurrogate(c))
        {
            throw Error("invalid UTF-8", _pattern[_position..]);
        }

        _position++;
        return c;
    }

    private void AppendDot()
    {
        var newLine = new Re2CharClass();
        if (!_flags.HasFlag(Flags.DotMatchesNewLine))
        {
            newLine.Add('\n', '\n');
        }

        AppendItem(newLine.Render(negated: true), foldable: false);
    }

    private void AppendLiteral(int codePoint)
    {
        var literal = new Re2CharClass();
        literal.Add(codePoint, codePoint);
        AppendItem(codePoint < 0x80 && char.IsAsciiLetterOrDigit((char)codePoint)
            ? ((char)codePoint).ToString()
            : literal.Render(negated: false));
    }

    private void AppendItem(string pattern, bool foldable = true)
    {
        EndItem();
        _itemStart = _output.Length;
        _output.Append(foldable && _flags.HasFlag(Flags.FoldCase) ? $"(?i:{pattern})" : pattern);
    }

    private void EndItem()
    {
        _groupCopies = Math.Max(_groupCopies, _itemCopies);
        _itemCopies = 0;
    }

    private static FormatException Error(string code, string expression) =>
        new($"error parsing regexp: {code}: `{expression}`");

    private readonly record struct Group(Flags OuterFlags, long OuterGroupCopies, int OutputStart);
}
