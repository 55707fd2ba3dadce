using System.Globalization;
using System.Text;

namespace Kubewarden.LoadTests.Soak;

/// <summary>One sample line of the Prometheus text exposition format: <c>name{label="value",…} 12.5 [timestamp]</c>.</summary>
internal sealed record PrometheusSeries(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Every sample line of <paramref name="text"/>; comments and lines that do not parse are skipped.</summary>
    public static IReadOnlyList<PrometheusSeries> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var series = new List<PrometheusSeries>();
        foreach (var line in text.Split('\n'))
        {
            if (TryParse(line.Trim(), out var parsed))
            {
                series.Add(parsed);
            }
        }

        return series;
    }

    private static bool TryParse(string line, out PrometheusSeries series)
    {
        series = null!;
        if (line.Length == 0 || line[0] == '#')
        {
            return false;
        }

        var nameEnd = line.IndexOfAny([' ', '{']);
        if (nameEnd <= 0)
        {
            return false;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = nameEnd;
        if (line[position] == '{' && !TryParseLabels(line, ref position, labels))
        {
            return false;
        }

        var value = line[position..].Trim().Split(' ')[0];
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        series = new PrometheusSeries(line[..nameEnd], labels, number);
        return true;
    }

    /// <summary>Reads <c>{…}</c> from <paramref name="position"/> (on the brace) and leaves it just after the closing one.</summary>
    private static bool TryParseLabels(string line, ref int position, Dictionary<string, string> labels)
    {
        position++;
        while (position < line.Length && line[position] != '}')
        {
            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                return false;
            }

            var name = line[position..equals].Trim(' ', ',');
            var value = new StringBuilder();
            position = equals + 2;
            for (; position < line.Length && line[position] != '"'; position++)
            {
                if (line[position] == '\\' && position + 1 < line.Length)
                {
                    position++;
                    value.Append(line[position] == 'n' ? '\n' : line[position]);
                }
                else
                {
                    value.Append(line[position]);
                }
            }

            if (position >= line.Length)
            {
                return false;
            }

            labels[name] = value.ToString();
            position++;
            while (position < line.Length && line[position] is ',' or ' ')
            {
                position++;
            }
        }

        position++;
        return position <= line.Length;
    }
}
