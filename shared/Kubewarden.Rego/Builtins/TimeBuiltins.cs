using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// The host builtins time.now_ns, time.parse_rfc3339_ns and time.date; the latter two also under the names Kubewarden
/// registers them by (parse_rfc3339_ns and date).
/// </summary>
internal static class TimeBuiltins
{
    private const string NowNs = "time.now_ns";
    private const string ParseRfc3339Ns = "time.parse_rfc3339_ns";
    private const string Date = "time.date";
    private const string TimestampType = "either number (ns) or [number (ns), string (tz)]";

    public static IEnumerable<RegoBuiltin> All =>
    [
        new(NowNs, 0, Now),
        new(ParseRfc3339Ns, 1, ParseRfc3339),
        new("parse_rfc3339_ns", 1, ParseRfc3339),
        new(Date, 1, DateOf),
        new("date", 1, DateOf),
    ];

    // The start of the evaluation, so that every call within one evaluation answers the same, as in OPA.
    private static JsonNode? Now(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments) =>
        JsonValue.Create(UnixNanoseconds.From(context.EvaluationStart));

    private static JsonNode? ParseRfc3339(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var text = RegoArguments.String(arguments, 0, ParseRfc3339Ns);
        Int128 nanoseconds;
        try
        {
            nanoseconds = Rfc3339.ParseUnixNanoseconds(text);
        }
        catch (FormatException e)
        {
            throw new RegoBuiltinException($"{ParseRfc3339Ns}: {e.Message}", e);
        }

        return nanoseconds >= long.MinValue && nanoseconds <= long.MaxValue
            ? JsonValue.Create((long)nanoseconds)
            : throw new RegoBuiltinException($"{ParseRfc3339Ns}: time outside of valid range");
    }

    private static JsonNode? DateOf(RegoBuiltinContext context, IReadOnlyList<JsonNode?> arguments)
    {
        var instant = TimeZoneInfo.ConvertTime(UnixNanoseconds.ToInstant(Nanoseconds(arguments, out var zone)), zone);
        return new JsonArray(instant.Year, instant.Month, instant.Day);
    }

    // OPA's timestamp operand: nanoseconds, or [nanoseconds, time zone] (a third element, the layout, must be a string).
    private static long Nanoseconds(IReadOnlyList<JsonNode?> arguments, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        var operand = RegoArguments.At(arguments, 0, Date);
        IReadOnlyList<JsonNode?> timestamp = operand switch
        {
            JsonArray { Count: > 0 } array => [.. array],
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => [value],
            _ => throw new RegoBuiltinException($"{Date}: operand 1 must be {TimestampType} but got {RegoArguments.TypeName(operand)}"),
        };
        var nanoseconds = RegoArguments.Number(timestamp, 0, Date).ToJsonString();

        // OPA names each element "operand 1" in its errors.
        if (timestamp.Count > 1)
        {
            zone = TimeZone(RegoArguments.String([timestamp[1]], 0, Date));
        }

        if (timestamp.Count > 2)
        {
            RegoArguments.String([timestamp[2]], 0, Date);
        }

        return UnixNanoseconds.TryParseExact(nanoseconds, out var exact)
            ? exact
            : throw new RegoBuiltinException($"{Date}: timestamp too big");
    }

    // IANA names as Go's time.LoadLocation knows them ("" and "UTC" are UTC, "Local" the server's zone); not Windows names.
    private static TimeZoneInfo TimeZone(string name)
    {
        switch (name)
        {
            case "" or "UTC":
                return TimeZoneInfo.Utc;
            case "Local":
                return TimeZoneInfo.Local;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            if (zone.HasIanaId)
            {
                return zone;
            }
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new RegoBuiltinException($"{Date}: unknown time zone {name}", e);
        }

        throw new RegoBuiltinException($"{Date}: unknown time zone {name}");
    }
}
