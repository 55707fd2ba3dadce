using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubewarden.Rego.Builtins;

/// <summary>
/// Typed access to builtin arguments. A wrong type fails the way OPA reports it:
/// <c>&lt;builtin&gt;: operand &lt;n&gt; must be &lt;type&gt; but got &lt;type&gt;</c> (operands count from 1).
/// </summary>
public static class RegoArguments
{
    /// <summary>The string at <paramref name="index"/>.</summary>
    public static string String(IReadOnlyList<JsonNode?> arguments, int index, string builtin) =>
        At(arguments, index, builtin) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw WrongType(arguments, index, builtin, "string");

    /// <summary>The array at <paramref name="index"/>.</summary>
    public static JsonArray Array(IReadOnlyList<JsonNode?> arguments, int index, string builtin) =>
        At(arguments, index, builtin) as JsonArray ?? throw WrongType(arguments, index, builtin, "array");

    /// <summary>The object at <paramref name="index"/>.</summary>
    public static JsonObject Object(IReadOnlyList<JsonNode?> arguments, int index, string builtin) =>
        At(arguments, index, builtin) as JsonObject ?? throw WrongType(arguments, index, builtin, "object");

    /// <summary>The number at <paramref name="index"/>, as its JSON text (OPA numbers are arbitrary precision).</summary>
    public static JsonValue Number(IReadOnlyList<JsonNode?> arguments, int index, string builtin) =>
        At(arguments, index, builtin) is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value
            : throw WrongType(arguments, index, builtin, "number");

    /// <summary>
    /// The integer at <paramref name="index"/>, as OPA reads a Go <c>int</c> operand: a number written without fraction or
    /// exponent that fits in 64 bits.
    /// </summary>
    public static long Integer(IReadOnlyList<JsonNode?> arguments, int index, string builtin) =>
        long.TryParse(Number(arguments, index, builtin).ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RegoBuiltinException($"{builtin}: operand {index + 1} must be integer number but got floating-point number");

    /// <summary>The argument at <paramref name="index"/>, whatever its type.</summary>
    public static JsonNode? At(IReadOnlyList<JsonNode?> arguments, int index, string builtin)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return index < arguments.Count
            ? arguments[index]
            : throw new RegoBuiltinException($"{builtin}: expected {index + 1} or more operands, got {arguments.Count}");
    }

    /// <summary>OPA's name of a value's type: <c>null</c>, <c>boolean</c>, <c>number</c>, <c>string</c>, <c>array</c> or <c>object</c>.</summary>
    public static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "array",
        JsonObject => "object",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    private static RegoBuiltinException WrongType(IReadOnlyList<JsonNode?> arguments, int index, string builtin, string expected) =>
        new($"{builtin}: operand {index + 1} must be {expected} but got {TypeName(arguments[index])}");
}
