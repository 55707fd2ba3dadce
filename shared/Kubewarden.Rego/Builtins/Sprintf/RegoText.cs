using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// OPA's text of a value (<c>Term.String()</c>): strings Go-quoted, numbers as written, arrays <c>[1, "a"]</c>, objects
/// <c>{"a": 1}</c> with their keys sorted.
/// </summary>
internal static class RegoText
{
    public static string Of(JsonNode? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonArray array:
                text.Append('[');
                AppendJoined(text, array, Append);
                text.Append(']');
                break;
            case JsonObject obj:
                text.Append('{');
                AppendJoined(text, obj.OrderBy(member => member.Key, Utf8Order.Instance), (text, member) =>
                {
                    text.Append(GoQuote.StringLiteral(member.Key)).Append(": ");
                    Append(text, member.Value);
                });
                text.Append('}');
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                text.Append(GoQuote.StringLiteral(scalar.GetValue<string>()));
                break;
            default:
                text.Append(value.ToJsonString()); // numbers as written, true, false
                break;
        }
    }

    private static void AppendJoined<T>(StringBuilder text, IEnumerable<T> items, Action<StringBuilder, T> append)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            append(text, item);
            first = false;
        }
    }

    /// <summary>Go's string order: by UTF-8 bytes, which is code point order (not UTF-16 order).</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
    }
}
