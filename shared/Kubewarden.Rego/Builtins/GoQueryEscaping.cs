using System.Globalization;
using System.Text;

namespace Kubewarden.Rego.Builtins;

/// <summary>Go's net/url query-component escaping (QueryEscape, QueryUnescape), which the urlquery builtins use.</summary>
internal static class GoQueryEscaping
{
    /// <summary>Escapes every UTF-8 byte but letters, digits and <c>-_.~</c>; a space becomes <c>+</c>.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var octet in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)octet) || octet is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                escaped.Append((char)octet);
            }
            else if (octet == ' ')
            {
                escaped.Append('+');
            }
            else
            {
                escaped.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    /// <summary>Decodes <c>%XX</c> escapes and <c>+</c> (a space).</summary>
    /// <exception cref="FormatException">A <c>%</c> not followed by two hex digits, with Go's message.</exception>
    public static string Unescape(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            switch (input[i])
            {
                case (byte)'%':
                    if (i + 2 >= input.Length || !char.IsAsciiHexDigit((char)input[i + 1]) || !char.IsAsciiHexDigit((char)input[i + 2]))
                    {
                        var bad = input.AsSpan(i, Math.Min(3, input.Length - i));
                        throw new FormatException($"invalid URL escape {GoQuote(bad)}");
                    }

                    output.Add(byte.Parse(input.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case (byte)'+':
                    output.Add((byte)' ');
                    break;
                default:
                    output.Add(input[i]);
                    break;
            }
        }

        return Encoding.UTF8.GetString([.. output]);
    }

    /// <summary>Go's strconv.Quote of a few bytes, as its EscapeError prints them.</summary>
    private static string GoQuote(ReadOnlySpan<byte> bytes)
    {
        var quoted = new StringBuilder("\"");
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var length);
            if (status != System.Buffers.OperationStatus.Done)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:x2}");
                bytes = bytes[1..];
                continue;
            }

            if (rune.Value is '"' or '\\')
            {
                quoted.Append('\\');
            }

            if (Rune.IsControl(rune))
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            }
            else
            {
                quoted.Append(rune.ToString());
            }

            bytes = bytes[length..];
        }

        return quoted.Append('"').ToString();
    }
}
