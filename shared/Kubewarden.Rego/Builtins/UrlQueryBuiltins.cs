using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins urlquery.encode, urlquery.decode, urlquery.encode_object and urlquery.decode_object.</summary>
internal static class UrlQueryBuiltins
{
    // Go's url.ParseQuery refuses queries with more parameters than this.
    private const int MaxParameters = 10000;

    public static IEnumerable<RegoBuiltin> All =>
    [
        new("urlquery.encode", 1, (_, arguments) => GoQueryEscaping.Escape(RegoArguments.String(arguments, 0, "urlquery.encode"))),
        new("urlquery.decode", 1, (_, arguments) => Decode(RegoArguments.String(arguments, 0, "urlquery.decode"))),
        new("urlquery.encode_object", 1, (_, arguments) => EncodeObject(RegoArguments.Object(arguments, 0, "urlquery.encode_object"))),
        new("urlquery.decode_object", 1, (_, arguments) => DecodeObject(RegoArguments.String(arguments, 0, "urlquery.decode_object"))),
    ];

    private static string Decode(string text)
    {
        try
        {
            return GoQueryEscaping.Unescape(text);
        }
        catch (FormatException e)
        {
            throw new RegoBuiltinException($"urlquery.decode: {e.Message}", e);
        }
    }

    /// <summary>Go's url.Values.Encode: keys in byte order, each value as <c>key=value</c>, joined by <c>&amp;</c>.</summary>
    private static string EncodeObject(JsonObject parameters)
    {
        var query = new StringBuilder();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, Utf8Order.Instance))
        {
            foreach (var item in Values(value))
            {
                if (query.Length > 0)
                {
                    query.Append('&');
                }

                query.Append(GoQueryEscaping.Escape(key)).Append('=').Append(GoQueryEscaping.Escape(item));
            }
        }

        return query.ToString();
    }

    private static IEnumerable<string> Values(JsonNode? value) => value switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String => [text.GetValue<string>()],
        JsonArray items => items.Select(item => item is JsonValue text && text.GetValueKind() == JsonValueKind.String
            ? text.GetValue<string>()
            : throw ValuesMustBeStrings()),
        _ => throw ValuesMustBeStrings(),
    };

    private static RegoBuiltinException ValuesMustBeStrings() =>
        new("urlquery.encode_object: operand 1 values must be string, array[string], or set[string]");

    /// <summary>
    /// Go's url.ParseQuery: <c>&amp;</c>-separated <c>key=value</c> pairs, each key's values in order. Like Go it reads
    /// every pair before failing with the error it met: a semicolon error replaces an escape error, not the other way.
    /// </summary>
    private static JsonObject DecodeObject(string query)
    {
        if (query.Count(c => c == '&') + 1 > MaxParameters)
        {
            throw new RegoBuiltinException("urlquery.decode_object: number of URL query parameters exceeded limit");
        }

        var parameters = new JsonObject();
        string? error = null;
        foreach (var pair in query.Length == 0 ? [] : query.Split('&'))
        {
            if (pair.Contains(';', StringComparison.Ordinal))
            {
                error = "invalid semicolon separator in query";
                continue;
            }

            if (pair.Length == 0)
            {
                continue;
            }

            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            try
            {
                var key = GoQueryEscaping.Unescape(separator < 0 ? pair : pair[..separator]);
                var value = GoQueryEscaping.Unescape(separator < 0 ? "" : pair[(separator + 1)..]);
                if (parameters[key] is not JsonArray values)
                {
                    parameters[key] = values = [];
                }

                values.Add(value);
            }
            catch (FormatException e)
            {
                error ??= e.Message;
            }
        }

        return error is null ? parameters : throw new RegoBuiltinException($"urlquery.decode_object: {error}");
    }

    /// <summary>Orders strings by their UTF-8 bytes (code point order), as Go's sort.Strings does.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? "").EnumerateRunes();
            var right = (y ?? "").EnumerateRunes();
            while (true)
            {
                var hasLeft = left.MoveNext();
                var hasRight = right.MoveNext();
                if (!hasLeft || !hasRight)
                {
                    return hasLeft.CompareTo(hasRight);
                }

                var order = left.Current.Value.CompareTo(right.Current.Value);
                if (order != 0)
                {
                    return order;
                }
            }
        }
    }
}
