using System.Globalization;

namespace Kubewarden.LoadTests.Load;

/// <summary>Parses durations as written on the command line: 500ms, 30s, 5m, 1h, or a plain number of seconds.</summary>
internal static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] s_units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        foreach (var (suffix, seconds) in s_units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(text[..^suffix.Length], out var value))
            {
                duration = TimeSpan.FromSeconds(value * seconds);
                return true;
            }
        }

        var plain = TryNumber(text, out var plainSeconds);
        duration = plain ? TimeSpan.FromSeconds(plainSeconds) : default;
        return plain;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}
