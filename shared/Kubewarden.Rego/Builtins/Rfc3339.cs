namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Parses timestamps as Go's <c>time.Parse(time.RFC3339, …)</c> does for OPA: <c>2006-01-02T15:04:05Z07:00</c>, with an
/// optional fraction of a second (after <c>.</c> or <c>,</c>; digits beyond nanoseconds are dropped), a one- or two-digit
/// hour, and <c>Z</c> or a <c>±hh:mm</c> offset. Errors read as Go's.
/// </summary>
internal sealed class Rfc3339
{
    private const string Layout = "2006-01-02T15:04:05Z07:00";
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly string _value;
    private int _position;

    private Rfc3339(string value) => _value = value;

    /// <summary>The nanoseconds since the Unix epoch <paramref name="value"/> denotes (possibly beyond 64 bits).</summary>
    /// <exception cref="FormatException">Go rejects <paramref name="value"/>.</exception>
    public static Int128 ParseUnixNanoseconds(string value) => new Rfc3339(value).Parse();

    private Int128 Parse()
    {
        var year = Year();
        Literal("-");
        var month = Number("01", fixedWidth: true);
        if (month is < 1 or > 12)
        {
            throw OutOfRange("month");
        }

        Literal("-");
        var day = Number("02", fixedWidth: true);
        Literal("T");
        var hour = Number("15", fixedWidth: false);
        if (hour > 23)
        {
            throw OutOfRange("hour");
        }

        Literal(":");
        var minute = Number("04", fixedWidth: true);
        if (minute > 59)
        {
            throw OutOfRange("minute");
        }

        Literal(":");
        var second = Number("05", fixedWidth: true);
        if (second > 59)
        {
            throw OutOfRange("second");
        }

        var nanosecond = Fraction();
        var offsetSeconds = Offset();
        if (_position < _value.Length)
        {
            throw new FormatException($"parsing time {GoStrings.Quote(_value)}: extra text: {GoStrings.Quote(_value[_position..])}");
        }

        if (day < 1 || day > DaysInMonth(year, month))
        {
            throw OutOfRange("day");
        }

        var seconds = (DaysSinceEpoch(year, month, day) * 86_400) + (hour * 3_600) + (minute * 60) + second - offsetSeconds;
        return ((Int128)seconds * NanosecondsPerSecond) + nanosecond;
    }

    private int Year()
    {
        var start = _position;
        if (_value.Length - start < 4 || _value.AsSpan(start, 4).ContainsAnyExceptInRange('0', '9'))
        {
            throw CannotParse("2006", start);
        }

        _position += 4;
        return Digits(start, 4);
    }

    // Two digits, or one when not fixed-width and no second digit follows.
    private int Number(string element, bool fixedWidth)
    {
        var start = _position;
        if (!IsDigitAt(start) || (fixedWidth && !IsDigitAt(start + 1)))
        {
            throw CannotParse(element, start);
        }

        _position += IsDigitAt(start + 1) ? 2 : 1;
        return Digits(start, _position - start);
    }

    private void Literal(string element)
    {
        if (!_value.AsSpan(_position).StartsWith(element, StringComparison.Ordinal))
        {
            throw CannotParse(element, _position);
        }

        _position += element.Length;
    }

    private long Fraction()
    {
        if (_position + 1 >= _value.Length || _value[_position] is not ('.' or ',') || !IsDigitAt(_position + 1))
        {
            return 0;
        }

        var start = ++_position;
        while (IsDigitAt(_position))
        {
            _position++;
        }

        var digits = Math.Min(_position - start, 9);
        return Digits(start, digits) * (long)Math.Pow(10, 9 - digits);
    }

    private int Offset()
    {
        var start = _position;
        if (_position < _value.Length && _value[_position] == 'Z')
        {
            _position++;
            return 0;
        }

        if (_value.Length - start < 6 || _value[start + 3] != ':' || !IsDigitAt(start + 1) || !IsDigitAt(start + 2)
            || !IsDigitAt(start + 4) || !IsDigitAt(start + 5) || _value[start] is not ('+' or '-'))
        {
            throw CannotParse("Z07:00", start);
        }

        _position += 6;
        var hours = Digits(start + 1, 2);
        var minutes = Digits(start + 4, 2);

        // Go accepts 24 hours and 60 minutes (some write them), not more.
        if (hours > 24)
        {
            throw OutOfRange("time zone offset hour");
        }

        if (minutes > 60)
        {
            throw OutOfRange("time zone offset minute");
        }

        var offset = (hours * 3_600) + (minutes * 60);
        return _value[start] == '-' ? -offset : offset;
    }

    private bool IsDigitAt(int position) => position < _value.Length && char.IsAsciiDigit(_value[position]);

    private int Digits(int start, int count)
    {
        var value = 0;
        foreach (var digit in _value.AsSpan(start, count))
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static int DaysInMonth(int year, int month) =>
        month == 2 ? (IsLeapYear(year) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    // Year 0 is a leap year too (Go's proleptic Gregorian calendar starts before .NET's year 1).
    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static long DaysSinceEpoch(int year, int month, int day)
    {
        // Days from civil date (proleptic Gregorian), counting years from March so that February comes last.
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    private FormatException CannotParse(string element, int at) =>
        new($"parsing time {GoStrings.Quote(_value)} as {GoStrings.Quote(Layout)}: cannot parse {GoStrings.Quote(_value[at..])} as {GoStrings.Quote(element)}");

    private FormatException OutOfRange(string what) => new($"parsing time {GoStrings.Quote(_value)}: {what} out of range");
}
