using System.Text.Json;
using Kubewarden.Admission.Internal;

namespace Kubewarden.Admission;

/// <summary>
/// Writes JSON values the way Rust's serde_json (without <c>preserve_order</c>) re-serializes a
/// <c>serde_json::Value</c>: object keys sorted by code point (UTF-8 byte order) at every level,
/// duplicate keys collapsed to their last occurrence, everything else kept as is.
/// </summary>
public static class SortedJsonWriter
{
    /// <summary>
    /// Writes <paramref name="value"/> to <paramref name="writer"/> with object keys sorted
    /// ordinally, recursively. Numbers are written with their original text; strings are
    /// re-escaped by the writer's encoder.
    /// </summary>
    /// <param name="writer">The destination writer.</param>
    /// <param name="value">Any JSON value; <see cref="JsonValueKind.Undefined"/> is rejected.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is undefined (default).</exception>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in SortedProperties.Of(value))
                {
                    writer.WritePropertyName(property.Key);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Undefined:
                throw new ArgumentException("Cannot write an undefined JsonElement.", nameof(value));
            default:
                value.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Returns <paramref name="value"/> as compact UTF-8 JSON with object keys sorted ordinally,
    /// recursively (see <see cref="Write(Utf8JsonWriter, JsonElement)"/>).
    /// </summary>
    /// <param name="value">Any JSON value.</param>
    /// <returns>The UTF-8 encoded JSON text.</returns>
    public static byte[] ToUtf8Json(JsonElement value) => JsonOutput.Write(value, Write);
}
