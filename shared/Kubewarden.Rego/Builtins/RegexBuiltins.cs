using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kubewarden.Rego.Builtins;

/// <summary>The host builtins regex.split, regex.template_match and regex.find_n (Go RE2 syntax and semantics).</summary>
internal static class RegexBuiltins
{
    private const string Split = "regex.split";
    private const string TemplateMatch = "regex.template_match";
    private const string FindN = "regex.find_n";

    private static readonly BoundedCache<(string Template, char Start, char End), Re2Regex> Templates = new(100);

    public static IEnumerable<RegoBuiltin> All =>
    [
        new(Split, 2, SplitByPattern),
        new(TemplateMatch, 4, MatchTemplate),
        new(FindN, 3, FindMatches),
    ];

    private static JsonNode? SplitByPattern(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var pattern = RegoArguments.String(arguments, 0, Split);
        var value = RegoArguments.String(arguments, 1, Split);
        return Strings(Run(Split, () => Re2Regex.Get(pattern).Split(value)));
    }

    private static JsonNode? FindMatches(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var pattern = RegoArguments.String(arguments, 0, FindN);
        var value = RegoArguments.String(arguments, 1, FindN);
        var limit = RegoArguments.Integer(arguments, 2, FindN);
        return Strings(Run(FindN, () => Re2Regex.Get(pattern).FindAll(value, limit)));
    }

    private static JsonNode? MatchTemplate(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var template = RegoArguments.String(arguments, 0, TemplateMatch);
        var value = RegoArguments.String(arguments, 1, TemplateMatch);
        var start = Delimiter(RegoArguments.String(arguments, 2, TemplateMatch), "start");
        var end = Delimiter(RegoArguments.String(arguments, 3, TemplateMatch), "end");
        var regex = Run(TemplateMatch, () => Templates.GetOrAdd((template, start, end), t => Re2Regex.Compile(RegexTemplate.ToPattern(t.Template, t.Start, t.End))));
        return JsonValue.Create(Run(TemplateMatch, () => regex.IsMatch(value)));
    }

    // OPA counts the delimiter's UTF-8 bytes: only a single ASCII character is one.
    private static char Delimiter(string delimiter, string which)
    {
        var length = Encoding.UTF8.GetByteCount(delimiter);
        return length == 1
            ? delimiter[0]
            : throw new RegoBuiltinException($"{TemplateMatch}: {which} delimiter has to be exactly one character long but is {length} long");
    }

    private static T Run<T>(string builtin, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (FormatException e)
        {
            throw new RegoBuiltinException($"{builtin}: {e.Message}", e);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new RegoBuiltinException(
                string.Create(CultureInfo.InvariantCulture, $"{builtin}: matching took longer than {Re2Regex.MatchTimeout.TotalSeconds} s"), e);
        }
    }

    private static JsonArray Strings(List<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
