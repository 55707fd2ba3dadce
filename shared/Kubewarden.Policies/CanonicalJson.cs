using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kubewarden.Policies;

/// <summary>
/// A JSON value in canonical text form (object keys sorted by code point, as the reference's
/// serde_json without <c>preserve_order</c> emits them, duplicates resolved last-wins, no
/// whitespace). Equality is ordinal equality of that text.
/// </summary>
internal sealed class CanonicalJson : IEquatable<CanonicalJson>
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    private CanonicalJson(string text, JsonElement element)
    {
        Text = text;
        Element = element;
    }

    public string Text { get; }

    public JsonElement Element { get; }

    /// <summary>JSON <c>null</c>, <see langword="null"/> and undefined all become <see langword="null"/>.</summary>
    public static CanonicalJson? From(JsonElement? element)
    {
        if (element is not { } value || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteCanonical(writer, value);
        }

        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new CanonicalJson(text, document.RootElement.Clone());
    }

    public static JsonWriterOptions WriterOptions => s_writerOptions;

    public bool Equals(CanonicalJson? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CanonicalJson other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new SortedDictionary<string, JsonElement>(CodePointComparer.Instance);
                foreach (var property in element.EnumerateObject())
                {
                    properties[property.Name] = property.Value;
                }

                writer.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
