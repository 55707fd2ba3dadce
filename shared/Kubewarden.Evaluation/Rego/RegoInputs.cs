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

    /// <summary>OPA: input <c>{"request": request}</c>, data = the settings.</summary>
    public static (byte[] Input, ReadOnlyMemory<byte> Data) ForOpa(RegoPayload payload) =>
        (Wrap((Request, payload.Request)), payload.Settings);

    /// <summary>Gatekeeper: input <c>{"parameters": settings, "review": request}</c>, data <c>{}</c>.</summary>
    public static (byte[] Input, ReadOnlyMemory<byte> Data) ForGatekeeper(RegoPayload payload) =>
        (Wrap((Parameters, payload.Settings), (Review, payload.Request)), EmptyObject);

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
