using System.Buffers;
using System.Text.Json;

namespace Kubewarden.Evaluation.Rego;

/// <summary>The input and data documents each Rego mode evaluates with (Kubewarden's wrapping).</summary>
internal static class RegoInputs
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private static readonly byte[] Request = "request"u8.ToArray();
    private static readonly byte[] Parameters = "parameters"u8.ToArray();
    private static readonly byte[] Review = "review"u8.ToArray();
    private static readonly byte[] Kubernetes = "kubernetes"u8.ToArray();
    private static readonly byte[] Inventory = "inventory"u8.ToArray();

    /// <summary>
    /// OPA: input <c>{"request": request}</c>, data = the settings; with an inventory, its <c>kubernetes</c> key is the
    /// inventory (replacing a key of that name in the settings).
    /// </summary>
    public static (byte[] Input, ReadOnlyMemory<byte> Data) ForOpa(RegoPayload payload, ReadOnlyMemory<byte>? inventory = null) =>
        (Wrap((Request, payload.Request)), inventory is { } kubernetes ? WithMember(payload.Settings, Kubernetes, kubernetes) : payload.Settings);

    /// <summary>
    /// Gatekeeper: input <c>{"parameters": settings, "review": request}</c>, data <c>{}</c>, or
    /// <c>{"inventory": inventory}</c> for a context-aware policy.
    /// </summary>
    public static (byte[] Input, ReadOnlyMemory<byte> Data) ForGatekeeper(RegoPayload payload, ReadOnlyMemory<byte>? inventory = null) =>
        (Wrap((Parameters, payload.Settings), (Review, payload.Request)), inventory is { } value ? Wrap((Inventory, value)) : EmptyObject);

    /// <summary><paramref name="settings"/> (an object, or anything else treated as empty) with <paramref name="name"/> set.</summary>
    private static byte[] WithMember(ReadOnlyMemory<byte> settings, byte[] name, ReadOnlyMemory<byte> value)
    {
        var buffer = new ArrayBufferWriter<byte>(settings.Length + value.Length + name.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            using var document = JsonDocument.Parse(settings);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!property.NameEquals(name))
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WritePropertyName(name.AsSpan());
            writer.WriteRawValue(value.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Wrap(params ReadOnlySpan<(byte[] Name, ReadOnlyMemory<byte> Value)> members)
    {
        var length = 2;
        foreach (var (name, value) in members)
        {
            length += name.Length + value.Length + 4;
        }

        var buffer = new ArrayBufferWriter<byte>(length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WritePropertyName(name.AsSpan());
                writer.WriteRawValue(value.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
