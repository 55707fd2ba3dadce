using System.Text.Json;
using Kubewarden.Admission.Internal;

namespace Kubewarden.Admission;

/// <summary>
/// The <c>request</c> part of a Kubernetes <c>admission.k8s.io/v1</c> AdmissionReview, modelled
/// after Kubewarden's Rust <c>AdmissionRequest</c>.
/// </summary>
/// <remarks>
/// <see cref="ToUtf8Json"/> reproduces what the Rust policy-server hands to policies: members in
/// the fixed order <c>uid, kind, resource, subResource, requestKind, requestResource,
/// requestSubResource, name, namespace, operation, userInfo, object, oldObject, dryRun,
/// options</c>; absent (or JSON <c>null</c>) optional members omitted; unknown input members
/// dropped; keys of <c>object</c>, <c>oldObject</c>, <c>options</c> and <c>userInfo.extra</c>
/// sorted ordinally at every level.
/// </remarks>
public sealed record AdmissionRequest
{
    /// <summary>The request identifier, echoed back in the response.</summary>
    public required string Uid { get; init; }

    /// <summary>The kind of the object being admitted.</summary>
    public required GroupVersionKind Kind { get; init; }

    /// <summary>The resource being requested.</summary>
    public required GroupVersionResource Resource { get; init; }

    /// <summary>The sub-resource being requested, if any.</summary>
    public string? SubResource { get; init; }

    /// <summary>The original kind of the request, when it was converted.</summary>
    public GroupVersionKind? RequestKind { get; init; }

    /// <summary>The original resource of the request, when it was converted.</summary>
    public GroupVersionResource? RequestResource { get; init; }

    /// <summary>The original sub-resource of the request, when it was converted.</summary>
    public string? RequestSubResource { get; init; }

    /// <summary>The name of the object, if known.</summary>
    public string? Name { get; init; }

    /// <summary>The namespace of the object, if namespaced.</summary>
    public string? Namespace { get; init; }

    /// <summary>The operation: <c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The user that issued the request.</summary>
    public required UserInfo UserInfo { get; init; }

    /// <summary>The new object (free-form JSON), if any.</summary>
    public JsonElement? Object { get; init; }

    /// <summary>The existing object (free-form JSON), if any.</summary>
    public JsonElement? OldObject { get; init; }

    /// <summary>Whether the request is a dry run.</summary>
    public bool? DryRun { get; init; }

    /// <summary>The operation options (free-form JSON), if any.</summary>
    public JsonElement? Options { get; init; }

    /// <summary>
    /// Parses a bare AdmissionRequest object. Unknown members are ignored; JSON <c>null</c> for an
    /// optional member means absent.
    /// </summary>
    /// <param name="utf8Json">The UTF-8 encoded JSON object.</param>
    /// <returns>The parsed request.</returns>
    /// <exception cref="AdmissionRequestFormatException">
    /// The input is not valid JSON or a required field is missing or has the wrong type; the
    /// message names the field, e.g. <c>AdmissionRequest.uid is required</c>.
    /// </exception>
    public static AdmissionRequest Parse(ReadOnlySpan<byte> utf8Json) => AdmissionRequestParser.Parse(utf8Json);

    /// <summary>
    /// Parses either an AdmissionReview (when the top-level object has a <c>request</c> member,
    /// that member is parsed) or a bare AdmissionRequest (otherwise).
    /// </summary>
    /// <param name="utf8Json">The UTF-8 encoded JSON object.</param>
    /// <returns>The parsed request.</returns>
    /// <exception cref="AdmissionRequestFormatException">
    /// The input is not valid JSON, <c>request</c> is not an object, or the request is invalid.
    /// </exception>
    public static AdmissionRequest FromReviewOrRequest(ReadOnlySpan<byte> utf8Json) =>
        AdmissionRequestParser.FromReviewOrRequest(utf8Json);

    /// <summary>
    /// Parses the <c>request</c> of an AdmissionReview, which must have one (the webhook routes' contract).
    /// </summary>
    /// <exception cref="AdmissionRequestFormatException">
    /// The body is not an AdmissionReview with a valid request; for malformed JSON the inner exception is a
    /// <see cref="JsonException"/>.
    /// </exception>
    public static AdmissionRequest FromReview(ReadOnlySpan<byte> utf8Json) =>
        AdmissionRequestParser.FromReview(utf8Json, requireReview: true);

    /// <summary>Serializes the request in its canonical form (see the type remarks).</summary>
    /// <returns>Compact UTF-8 JSON.</returns>
    public byte[] ToUtf8Json() => JsonOutput.Write(this, static (writer, request) => request.WriteTo(writer));

    /// <summary>
    /// Writes the request in its canonical form (see the type remarks) as one JSON value, e.g. as
    /// the value of a property the caller has already written.
    /// </summary>
    /// <param name="writer">The destination writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("uid"u8, Uid);
        writer.WritePropertyName("kind"u8);
        WriteKind(writer, Kind);
        writer.WritePropertyName("resource"u8);
        WriteResource(writer, Resource);
        WriteOptionalString(writer, "subResource"u8, SubResource);
        if (RequestKind is not null)
        {
            writer.WritePropertyName("requestKind"u8);
            WriteKind(writer, RequestKind);
        }

        if (RequestResource is not null)
        {
            writer.WritePropertyName("requestResource"u8);
            WriteResource(writer, RequestResource);
        }

        WriteOptionalString(writer, "requestSubResource"u8, RequestSubResource);
        WriteOptionalString(writer, "name"u8, Name);
        WriteOptionalString(writer, "namespace"u8, Namespace);
        writer.WriteString("operation"u8, Operation);
        writer.WritePropertyName("userInfo"u8);
        WriteUserInfo(writer, UserInfo);
        WriteOptionalValue(writer, "object"u8, Object);
        WriteOptionalValue(writer, "oldObject"u8, OldObject);
        if (DryRun is { } dryRun)
        {
            writer.WriteBoolean("dryRun"u8, dryRun);
        }

        WriteOptionalValue(writer, "options"u8, Options);
        writer.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter writer, GroupVersionKind kind)
    {
        writer.WriteStartObject();
        writer.WriteString("group"u8, kind.Group);
        writer.WriteString("version"u8, kind.Version);
        writer.WriteString("kind"u8, kind.Kind);
        writer.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter writer, GroupVersionResource resource)
    {
        writer.WriteStartObject();
        writer.WriteString("group"u8, resource.Group);
        writer.WriteString("version"u8, resource.Version);
        writer.WriteString("resource"u8, resource.Resource);
        writer.WriteEndObject();
    }

    private static void WriteUserInfo(Utf8JsonWriter writer, UserInfo userInfo)
    {
        writer.WriteStartObject();
        if (userInfo.Extra is not null)
        {
            writer.WritePropertyName("extra"u8);
            writer.WriteStartObject();
            var keys = userInfo.Extra.Keys.ToArray();
            Array.Sort(keys, Utf8OrdinalComparer.Instance);
            foreach (var key in keys)
            {
                writer.WritePropertyName(key);
                WriteStringArray(writer, userInfo.Extra[key]);
            }

            writer.WriteEndObject();
        }

        if (userInfo.Groups is not null)
        {
            writer.WritePropertyName("groups"u8);
            WriteStringArray(writer, userInfo.Groups);
        }

        WriteOptionalString(writer, "uid"u8, userInfo.Uid);
        WriteOptionalString(writer, "username"u8, userInfo.Username);
        writer.WriteEndObject();
    }

    private static void WriteStringArray(Utf8JsonWriter writer, string[]? values)
    {
        writer.WriteStartArray();
        foreach (var value in values ?? [])
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptionalValue(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { } element && element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            writer.WritePropertyName(name);
            SortedJsonWriter.Write(writer, element);
        }
    }
}
