using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins base64url, hex and json.is_valid, with the urlquery and yaml ones.</summary>
internal static class EncodingBuiltins
{
    // Go's encoding/json refuses documents nested deeper than this.
    private const int GoJsonMaxDepth = 10000;

    public static IEnumerable<RegoBuiltin> All =>
    [
        new("base64url.encode_no_pad", 1, (_, arguments) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(RegoArguments.String(arguments, 0, "base64url.encode_no_pad")))),
        new("hex.encode", 1, (_, arguments) =>
            Convert.ToHexStringLower(Encoding.UTF8.GetBytes(RegoArguments.String(arguments, 0, "hex.encode")))),
        new("hex.decode", 1, (_, arguments) => HexDecode(RegoArguments.String(arguments, 0, "hex.decode"))),
        new("json.is_valid", 1, (_, arguments) => IsJson(RegoArguments.At(arguments, 0, "json.is_valid"))),
        .. UrlQueryBuiltins.All,
        .. YamlBuiltins.All,
    ];

    /// <summary>Go's hex.DecodeString: pairs of hex digits; an invalid digit is reported before an odd length.</summary>
    private static JsonNode HexDecode(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        var output = new byte[input.Length / 2];
        for (var i = 0; i + 1 < input.Length; i += 2)
        {
            output[i / 2] = (byte)((HexDigit(input[i]) << 4) | HexDigit(input[i + 1]));
        }

        if (input.Length % 2 == 1)
        {
            HexDigit(input[^1]);
            throw new RegoBuiltinException("hex.decode: encoding/hex: odd length hex string");
        }

        return Encoding.UTF8.GetString(output);
    }

    private static int HexDigit(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => throw new RegoBuiltinException($"hex.decode: encoding/hex: invalid byte: {GoRuneDescription(digit)}"),
    };

    /// <summary>Go's <c>%#U</c> of a byte taken as a rune: <c>U+0067 'g'</c>, without the character when it is not printable.</summary>
    private static string GoRuneDescription(byte value)
    {
        var code = $"U+{value.ToString("X4", CultureInfo.InvariantCulture)}";
        var printable = value is >= 0x20 and <= 0x7E || (value >= 0xA1 && value != 0xAD);
        return printable ? $"{code} '{(char)value}'" : code;
    }

    /// <summary>Go's json.Valid; a non-string operand is not valid JSON (OPA answers false, not an error).</summary>
    private static bool IsJson(JsonNode? operand)
    {
        if (operand is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value.GetValue<string>()), new JsonReaderOptions { MaxDepth = GoJsonMaxDepth });
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0 && reader.TokenType != JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
