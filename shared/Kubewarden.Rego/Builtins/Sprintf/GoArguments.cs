using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins.Sprintf;

/// <summary>
/// The Go values OPA's <c>sprintf</c> hands to <c>fmt.Sprintf</c>: a number written with a fraction or exponent is a
/// <c>float64</c> (its text when out of range), another an <c>int</c> or, beyond 64 bits, a <c>*big.Int</c>; a string
/// is itself; any other value is the string of its Rego text (<c>true</c>, <c>null</c>, <c>["a", 1]</c>, …).
/// </summary>
internal static class GoArguments
{
    public static GoArgument[] From(JsonArray values) => [.. values.Select(From)];

    private static GoArgument From(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => new GoStringArgument(scalar.GetValue<string>()),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number => FromNumber(scalar.ToJsonString()),
        _ => new GoStringArgument(RegoText.Of(value)),
    };

    private static GoArgument FromNumber(string text)
    {
        if (text.AsSpan().IndexOfAny(".eE") >= 0)
        {
            var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsFinite(number) ? new GoFloatArgument(number) : new GoStringArgument(text);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? new GoIntegerArgument(integer)
            : new GoBigIntegerArgument(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }
}
