using System.Text;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// Go's <c>fmt.Sprintf</c>: flags <c>+ - # 0 space</c>, width and precision (<c>*</c> takes them from the arguments),
/// explicit argument indexes <c>%[2]d</c>, and Go's in-line error texts (<c>%!d(string=hi)</c>, <c>%!s(MISSING)</c>,
/// <c>%!(EXTRA …)</c>, <c>%!(NOVERB)</c>, <c>%!(BADINDEX)</c>, <c>%!(BADWIDTH)</c>, <c>%!(BADPREC)</c>); it never fails.
/// </summary>
internal sealed class GoFormatter
{
    // Go gives up on a width, precision or index above a million and treats the rest of the format as consumed.
    private const int LargestNumber = 1_000_000;

    private readonly string _format;
    private readonly IReadOnlyList<GoArgument> _arguments;
    private readonly GoOutput _output = new();
    private int _position;
    private int _argument;
    private bool _reordered;
    private bool _goodArgumentIndex;

    private GoFormatter(string format, IReadOnlyList<GoArgument> arguments)
    {
        _format = format;
        _arguments = arguments;
    }

    public static string Sprintf(string format, IReadOnlyList<GoArgument> arguments)
    {
        var formatter = new GoFormatter(format, arguments);
        formatter.FormatAll();
        return formatter._output.ToString();
    }

    private void FormatAll()
    {
        while (_position < _format.Length)
        {
            var percent = _format.IndexOf('%', _position);
            var literalEnd = percent < 0 ? _format.Length : percent;
            _output.Write(_format[_position..literalEnd]);
            if (percent < 0)
            {
                break;
            }

            _position = percent + 1;
            if (!FormatDirective())
            {
                break;
            }
        }

        if (!_reordered && _argument < _arguments.Count)
        {
            WriteExtraArguments();
        }
    }

    /// <summary>Formats the directive after a <c>%</c>; false when the format ended before its verb.</summary>
    private bool FormatDirective()
    {
        _goodArgumentIndex = true;
        var directive = ReadFlags();
        var afterIndex = ReadArgumentIndex();

        if (Next('*'))
        {
            (directive.Width, directive.HasWidth) = ArgumentAsInteger();
            if (!directive.HasWidth)
            {
                _output.Write("%!(BADWIDTH)");
            }

            if (directive.Width < 0)
            {
                directive.Width = -directive.Width;
                directive.Minus = true;
            }

            afterIndex = false;
        }
        else
        {
            (directive.Width, directive.HasWidth) = ReadNumber(_format.Length);
            if (afterIndex && directive.HasWidth)
            {
                _goodArgumentIndex = false; // %[3]2d
            }
        }

        if (_position + 1 < _format.Length && _format[_position] == '.')
        {
            _position++;
            if (afterIndex)
            {
                _goodArgumentIndex = false; // %[3].2d
            }

            afterIndex = ReadArgumentIndex();
            if (Next('*'))
            {
                (directive.Precision, directive.HasPrecision) = ArgumentAsInteger();
                if (directive.Precision < 0)
                {
                    (directive.Precision, directive.HasPrecision) = (0, false);
                }

                if (!directive.HasPrecision)
                {
                    _output.Write("%!(BADPREC)");
                }

                afterIndex = false;
            }
            else
            {
                (directive.Precision, directive.HasPrecision) = ReadNumber(_format.Length);
                directive.HasPrecision = true; // a lone '.' is precision 0
            }
        }

        if (!afterIndex)
        {
            ReadArgumentIndex();
        }

        if (_position >= _format.Length)
        {
            _output.Write("%!(NOVERB)");
            return false;
        }

        Rune.DecodeFromUtf16(_format.AsSpan(_position), out var verb, out var length);
        _position += length;
        PrintVerb(directive, verb);
        return true;
    }

    private void PrintVerb(GoDirective directive, Rune verb)
    {
        if (verb.Value == '%')
        {
            _output.Write('%'); // takes no argument and ignores width and precision
        }
        else if (!_goodArgumentIndex)
        {
            _output.Write("%!" + verb.ToString() + "(BADINDEX)");
        }
        else if (_argument >= _arguments.Count)
        {
            _output.Write("%!" + verb.ToString() + "(MISSING)");
        }
        else
        {
            if (verb.Value == 'v')
            {
                (directive.SharpV, directive.Sharp) = (directive.Sharp, false);
                (directive.PlusV, directive.Plus) = (directive.Plus, false);
            }

            _arguments[_argument++].Print(_output, directive, verb);
        }
    }

    private GoDirective ReadFlags()
    {
        var directive = new GoDirective();
        for (; _position < _format.Length; _position++)
        {
            switch (_format[_position])
            {
                case '#':
                    directive.Sharp = true;
                    break;
                case '0':
                    directive.Zero = true;
                    break;
                case '+':
                    directive.Plus = true;
                    break;
                case '-':
                    directive.Minus = true;
                    break;
                case ' ':
                    directive.Space = true;
                    break;
                default:
                    return directive;
            }
        }

        return directive;
    }

    /// <summary>Reads <c>[n]</c> if present: the next argument becomes the n-th. True when a well-formed index was read.</summary>
    private bool ReadArgumentIndex()
    {
        if (_position >= _format.Length || _format[_position] != '[')
        {
            return false;
        }

        _reordered = true;
        var close = _format.IndexOf(']', _position + 1);
        if (close < 0 || _format.Length - _position < 3)
        {
            _position++;
            _goodArgumentIndex = false;
            return false;
        }

        _position++;
        var (number, isNumber) = ReadNumber(close);
        var parsed = isNumber && _position == close;
        _position = close + 1;
        if (parsed && number >= 1 && number <= _arguments.Count)
        {
            _argument = number - 1;
            return true;
        }

        _goodArgumentIndex = false;
        return parsed;
    }

    /// <summary>Go's <c>parsenum</c>: decimal digits before <paramref name="end"/>; on overflow the position jumps to the end.</summary>
    private (int Number, bool Present) ReadNumber(int end)
    {
        var number = 0;
        var present = false;
        while (_position < end && char.IsAsciiDigit(_format[_position]))
        {
            if (number > LargestNumber)
            {
                _position = end;
                return (0, false);
            }

            number = (number * 10) + (_format[_position] - '0');
            present = true;
            _position++;
        }

        return (number, present);
    }

    /// <summary>The argument a <c>*</c> stands for: it must be an integer within a million either way.</summary>
    private (int Number, bool IsInteger) ArgumentAsInteger()
    {
        if (_argument >= _arguments.Count)
        {
            return (0, false);
        }

        var argument = _arguments[_argument++];
        return argument is GoIntegerArgument { Value: >= -LargestNumber and <= LargestNumber } integer
            ? ((int)integer.Value, true)
            : (0, false);
    }

    private bool Next(char expected)
    {
        if (_position < _format.Length && _format[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void WriteExtraArguments()
    {
        _output.Write("%!(EXTRA ");
        for (var i = _argument; i < _arguments.Count; i++)
        {
            if (i > _argument)
            {
                _output.Write(", ");
            }

            _output.Write(_arguments[i].TypeName);
            _output.Write('=');
            _arguments[i].Print(_output, new GoDirective(), new Rune('v'));
        }

        _output.Write(')');
    }
}
