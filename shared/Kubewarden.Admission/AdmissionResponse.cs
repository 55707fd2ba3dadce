using System.Text.Json;
using Kubewarden.Admission.Internal;

namespace Kubewarden.Admission;

/// <summary>
/// The <c>response</c> part of an AdmissionReview, as produced by Kubewarden's policy-server.
/// </summary>
/// <remarks>
/// <see cref="ToUtf8Json"/> writes the members in the order <c>uid, allowed, patchType, patch,
/// status, auditAnnotations, warnings</c>: <c>patchType</c>, <c>patch</c> and <c>status</c> only
/// when non-null, <c>auditAnnotations</c> and <c>warnings</c> always (as <c>null</c> when
/// absent), e.g. <c>{"uid":"u","allowed":true,"auditAnnotations":null,"warnings":null}</c>.
/// Audit annotation keys are written sorted ordinally.
/// </remarks>
public sealed record AdmissionResponse
{
    /// <summary>The <c>patchType</c> value of a mutating response.</summary>
    public const string JsonPatchType = "JSONPatch";

    /// <summary>The uid of the request this response answers.</summary>
    public required string Uid { get; init; }

    /// <summary>Whether the request is admitted.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The patch type; <see cref="JsonPatchType"/> when <see cref="Patch"/> is set.</summary>
    public string? PatchType { get; init; }

    /// <summary>The base64-encoded RFC 6902 JSON patch, if the request is mutated.</summary>
    public string? Patch { get; init; }

    /// <summary>The rejection (or informational) status, if any.</summary>
    public AdmissionStatus? Status { get; init; }

    /// <summary>Audit annotations to record; always serialized (<c>null</c> when absent).</summary>
    public IReadOnlyDictionary<string, string>? AuditAnnotations { get; init; }

    /// <summary>Warnings returned to the client; always serialized (<c>null</c> when absent).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Creates a response admitting the request unchanged.</summary>
    /// <param name="uid">The request uid.</param>
    /// <returns>An allowed response.</returns>
    public static AdmissionResponse Accept(string uid) => new() { Uid = uid, Allowed = true };

    /// <summary>
    /// Creates a response admitting the request with a JSON patch: sets <see cref="PatchType"/>
    /// to <see cref="JsonPatchType"/> and <see cref="Patch"/> to the base64 of
    /// <paramref name="jsonPatch"/> (as produced by <see cref="JsonPatchDiff.Create"/>).
    /// </summary>
    /// <param name="uid">The request uid.</param>
    /// <param name="jsonPatch">The UTF-8 JSON patch document.</param>
    /// <returns>An allowed, mutating response.</returns>
    public static AdmissionResponse AcceptWithPatch(string uid, byte[] jsonPatch) => new()
    {
        Uid = uid,
        Allowed = true,
        PatchType = JsonPatchType,
        Patch = JsonPatchDiff.ToBase64(jsonPatch),
    };

    /// <summary>
    /// Creates a response rejecting the request with <c>status: {message, code}</c> (each only
    /// when non-null).
    /// </summary>
    /// <param name="uid">The request uid.</param>
    /// <param name="message">The rejection message.</param>
    /// <param name="code">The HTTP status code to report.</param>
    /// <returns>A rejecting response.</returns>
    public static AdmissionResponse Reject(string uid, string? message, int? code) => new()
    {
        Uid = uid,
        Allowed = false,
        Status = new AdmissionStatus { Message = message, Code = code },
    };

    /// <summary>
    /// Parses a camelCase AdmissionResponse object (e.g. a policy's or OPA's result). Unknown
    /// members are ignored. <c>allowed</c> is required; a missing <c>uid</c> becomes the empty
    /// string (callers answering a request should set it).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 encoded JSON object.</param>
    /// <returns>The parsed response.</returns>
    /// <exception cref="FormatException">The input is not valid JSON or does not match the shape.</exception>
    public static AdmissionResponse Parse(ReadOnlySpan<byte> utf8Json)
    {
        ResponseDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, AdmissionJsonContext.Default.ResponseDto);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"AdmissionResponse: invalid JSON: {ex.Message}", ex);
        }

        if (dto is null)
        {
            throw new FormatException("AdmissionResponse must be an object");
        }

        return new AdmissionResponse
        {
            Uid = dto.Uid ?? string.Empty,
            Allowed = dto.Allowed ?? throw new FormatException("AdmissionResponse.allowed is required"),
            PatchType = dto.PatchType,
            Patch = dto.Patch,
            Status = dto.Status is { } status ? ToStatus(status) : null,
            AuditAnnotations = dto.AuditAnnotations,
            Warnings = dto.Warnings,
        };
    }

    /// <summary>Serializes the response (see the type remarks).</summary>
    /// <returns>Compact UTF-8 JSON.</returns>
    public byte[] ToUtf8Json() => JsonOutput.Write(this, static (writer, response) => response.WriteTo(writer));

    /// <summary>Writes the response (see the type remarks) as one JSON value.</summary>
    /// <param name="writer">The destination writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("uid"u8, Uid);
        writer.WriteBoolean("allowed"u8, Allowed);
        if (PatchType is not null)
        {
            writer.WriteString("patchType"u8, PatchType);
        }

        if (Patch is not null)
        {
            writer.WriteString("patch"u8, Patch);
        }

        if (Status is not null)
        {
            writer.WritePropertyName("status"u8);
            WriteStatus(writer, Status);
        }

        writer.WritePropertyName("auditAnnotations"u8);
        if (AuditAnnotations is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartObject();
            var keys = AuditAnnotations.Keys.ToArray();
            Array.Sort(keys, Utf8OrdinalComparer.Instance);
            foreach (var key in keys)
            {
                writer.WriteString(key, AuditAnnotations[key]);
            }

            writer.WriteEndObject();
        }

        writer.WritePropertyName("warnings"u8);
        if (Warnings is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStartArray();
            foreach (var warning in Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter writer, AdmissionStatus status)
    {
        writer.WriteStartObject();
        WriteOptionalString(writer, "status"u8, status.Status);
        WriteOptionalString(writer, "message"u8, status.Message);
        WriteOptionalString(writer, "reason"u8, status.Reason);
        if (status.Details is { } details)
        {
            writer.WritePropertyName("details"u8);
            WriteDetails(writer, details);
        }

        if (status.Code is { } code)
        {
            writer.WriteNumber("code"u8, code);
        }

        writer.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter writer, AdmissionStatusDetails details)
    {
        writer.WriteStartObject();
        WriteOptionalString(writer, "name"u8, details.Name);
        WriteOptionalString(writer, "group"u8, details.Group);
        WriteOptionalString(writer, "kind"u8, details.Kind);
        WriteOptionalString(writer, "uid"u8, details.Uid);
        if (details.Causes is { Count: > 0 } causes)
        {
            writer.WritePropertyName("causes"u8);
            writer.WriteStartArray();
            foreach (var cause in causes)
            {
                writer.WriteStartObject();
                WriteNullableString(writer, "reason"u8, cause.Reason);
                WriteNullableString(writer, "message"u8, cause.Message);
                WriteNullableString(writer, "field"u8, cause.Field);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (details.RetryAfterSeconds is { } retryAfter)
        {
            writer.WriteNumber("retry_after_seconds"u8, retryAfter);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static AdmissionStatus ToStatus(StatusDto status) => new()
    {
        Status = status.Status,
        Message = status.Message,
        Reason = status.Reason,
        Code = status.Code,
        Details = status.Details is { } details
            ? new AdmissionStatusDetails
            {
                Name = details.Name,
                Group = details.Group,
                Kind = details.Kind,
                Uid = details.Uid,
                RetryAfterSeconds = details.RetryAfterSeconds,
                Causes = details.Causes?
                    .Select(c => new AdmissionStatusCause { Reason = c.Reason, Message = c.Message, Field = c.Field })
                    .ToArray(),
            }
            : null,
    };
}
