using System.Buffers;
using System.Text.Json;
using Kubewarden.Admission;

namespace Kubewarden.Evaluation;

/// <summary>A request to validate: the JSON the policy sees as <c>request</c>, its uid, and the object a mutation diffs against.</summary>
public sealed class ValidationRequest
{
    private ValidationRequest(ReadOnlyMemory<byte> requestJson, string uid, JsonElement? @object, bool isRaw)
    {
        RequestJson = requestJson;
        Uid = uid;
        Object = @object;
        IsRaw = isRaw;
    }

    /// <summary>The <c>request</c> member of the payload, UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> RequestJson { get; }

    /// <summary>Copied into the response.</summary>
    public string Uid { get; }

    /// <summary>What <c>mutated_object</c> is diffed against; null when the request has no object (DELETE).</summary>
    public JsonElement? Object { get; }

    /// <summary>Whether this is a raw request (<c>/validate_raw</c>) rather than an AdmissionRequest.</summary>
    public bool IsRaw { get; }

    /// <summary>An AdmissionRequest (<c>/validate</c>, <c>/audit</c>), re-serialized as Kubewarden does.</summary>
    public static ValidationRequest ForAdmission(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ValidationRequest(request.ToUtf8Json(), request.Uid, request.Object, isRaw: false);
    }

    /// <summary>A raw request (<c>/validate_raw</c>): passed verbatim; uid is its <c>uid</c> string member or empty.</summary>
    public static ValidationRequest ForRaw(JsonElement request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SortedJsonWriter.Write(writer, request);
        }

        var uid = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString()!
            : string.Empty;
        return new ValidationRequest(buffer.WrittenMemory, uid, request, isRaw: true);
    }

    /// <summary>The <c>validate</c> payload: <c>{"request": ..., "settings": ...}</c>.</summary>
    internal byte[] ToPayload(ReadOnlySpan<byte> settingsJson)
    {
        var buffer = new ArrayBufferWriter<byte>(RequestJson.Length + settingsJson.Length + 32);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("request"u8);
            writer.WriteRawValue(RequestJson.Span, skipInputValidation: true);
            writer.WritePropertyName("settings"u8);
            writer.WriteRawValue(settingsJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
