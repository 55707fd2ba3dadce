using System.Text.Json;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// The two members of a <c>validate</c> payload (<c>{"request": ..., "settings": ...}</c>) as raw JSON, found without
/// building a document, from which the Rego modes build their own input and data.
/// </summary>
internal readonly record struct RegoPayload(ReadOnlyMemory<byte> Request, ReadOnlyMemory<byte> Settings)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>Splits a payload; a missing or null <c>settings</c> is <c>{}</c>, a missing <c>request</c> is <c>null</c>.</summary>
    public static RegoPayload Read(ReadOnlyMemory<byte> payload)
    {
        ReadOnlyMemory<byte> request = Null;
        ReadOnlyMemory<byte> settings = EmptyObject;
        var reader = new Utf8JsonReader(payload.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the validate payload is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isRequest = reader.ValueTextEquals("request"u8);
            var isSettings = reader.ValueTextEquals("settings"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isNull = reader.TokenType == JsonTokenType.Null;
            reader.Skip();
            var value = payload[start..(int)reader.BytesConsumed];
            if (isRequest)
            {
                request = value;
            }
            else if (isSettings && !isNull)
            {
                settings = value;
            }
        }

        return new RegoPayload(request, settings);
    }
}
