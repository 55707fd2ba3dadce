using System.Text.Json;

namespace Kubewarden.Admission.Internal;

/// <summary>
/// Hand-written <see cref="Utf8JsonReader"/> parser for <see cref="AdmissionRequest"/>, so that
/// errors name the offending field (<c>AdmissionRequest.kind.group is required</c>) and free-form
/// members are captured as independent <see cref="JsonElement"/>s.
/// </summary>
internal static class AdmissionRequestParser
{
    private const string Root = "AdmissionRequest";

    public static AdmissionRequest Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, JsonOutput.ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw Error($"{Root}: the input is empty");
            }

            var request = ReadRequest(ref reader);
            // Rejects trailing content after the top-level value.
            while (reader.Read())
            {
            }

            return request;
        }
        catch (JsonException ex)
        {
            throw new AdmissionRequestFormatException($"{Root}: invalid JSON: {ex.Message}", ex);
        }
    }

    public static AdmissionRequest FromReviewOrRequest(ReadOnlySpan<byte> utf8Json) => FromReview(utf8Json, requireReview: false);

    public static AdmissionRequest FromReview(ReadOnlySpan<byte> utf8Json, bool requireReview)
    {
        var reader = new Utf8JsonReader(utf8Json, JsonOutput.ReaderOptions);
        var start = -1;
        var end = -1;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return requireReview ? throw Error("AdmissionReview must be a JSON object") : Parse(utf8Json);
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isRequest = reader.ValueTextEquals("request"u8);
                reader.Read();
                if (!isRequest)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Error("AdmissionReview.request must be an object");
                }

                start = checked((int)reader.TokenStartIndex);
                reader.Skip();
                end = checked((int)reader.BytesConsumed);
            }

            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw new AdmissionRequestFormatException($"AdmissionReview: invalid JSON: {ex.Message}", ex);
        }

        if (start < 0 && requireReview)
        {
            throw Error("AdmissionReview.request is required");
        }

        return start >= 0 ? Parse(utf8Json[start..end]) : Parse(utf8Json);
    }

    private static AdmissionRequest ReadRequest(ref Utf8JsonReader reader)
    {
        ExpectObject(ref reader, Root);
        string? uid = null;
        GroupVersionKind? kind = null;
        GroupVersionResource? resource = null;
        string? subResource = null;
        GroupVersionKind? requestKind = null;
        GroupVersionResource? requestResource = null;
        string? requestSubResource = null;
        string? name = null;
        string? ns = null;
        string? operation = null;
        UserInfo? userInfo = null;
        JsonElement? obj = null;
        JsonElement? oldObject = null;
        bool? dryRun = null;
        JsonElement? options = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (Is(ref reader, "uid"u8))
            {
                uid = RequiredString(ref reader, $"{Root}.uid");
            }
            else if (Is(ref reader, "kind"u8))
            {
                kind = ReadKind(ref reader, $"{Root}.kind", optional: false);
            }
            else if (Is(ref reader, "resource"u8))
            {
                resource = ReadResource(ref reader, $"{Root}.resource", optional: false);
            }
            else if (Is(ref reader, "subResource"u8))
            {
                subResource = OptionalString(ref reader, $"{Root}.subResource");
            }
            else if (Is(ref reader, "requestKind"u8))
            {
                requestKind = ReadKind(ref reader, $"{Root}.requestKind", optional: true);
            }
            else if (Is(ref reader, "requestResource"u8))
            {
                requestResource = ReadResource(ref reader, $"{Root}.requestResource", optional: true);
            }
            else if (Is(ref reader, "requestSubResource"u8))
            {
                requestSubResource = OptionalString(ref reader, $"{Root}.requestSubResource");
            }
            else if (Is(ref reader, "name"u8))
            {
                name = OptionalString(ref reader, $"{Root}.name");
            }
            else if (Is(ref reader, "namespace"u8))
            {
                ns = OptionalString(ref reader, $"{Root}.namespace");
            }
            else if (Is(ref reader, "operation"u8))
            {
                operation = RequiredString(ref reader, $"{Root}.operation");
            }
            else if (Is(ref reader, "userInfo"u8))
            {
                userInfo = ReadUserInfo(ref reader, $"{Root}.userInfo");
            }
            else if (Is(ref reader, "object"u8))
            {
                obj = OptionalValue(ref reader);
            }
            else if (Is(ref reader, "oldObject"u8))
            {
                oldObject = OptionalValue(ref reader);
            }
            else if (Is(ref reader, "dryRun"u8))
            {
                dryRun = OptionalBoolean(ref reader, $"{Root}.dryRun");
            }
            else if (Is(ref reader, "options"u8))
            {
                options = OptionalValue(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AdmissionRequest
        {
            Uid = uid ?? throw Missing($"{Root}.uid"),
            Kind = kind ?? throw Missing($"{Root}.kind"),
            Resource = resource ?? throw Missing($"{Root}.resource"),
            SubResource = subResource,
            RequestKind = requestKind,
            RequestResource = requestResource,
            RequestSubResource = requestSubResource,
            Name = name,
            Namespace = ns,
            Operation = operation ?? throw Missing($"{Root}.operation"),
            UserInfo = userInfo ?? throw Missing($"{Root}.userInfo"),
            Object = obj,
            OldObject = oldObject,
            DryRun = dryRun,
            Options = options,
        };
    }

    private static GroupVersionKind? ReadKind(ref Utf8JsonReader reader, string path, bool optional) =>
        ReadGroupVersion(ref reader, path, optional, "kind"u8, "kind") is var (group, version, kind)
            ? new GroupVersionKind { Group = group, Version = version, Kind = kind }
            : null;

    private static GroupVersionResource? ReadResource(ref Utf8JsonReader reader, string path, bool optional) =>
        ReadGroupVersion(ref reader, path, optional, "resource"u8, "resource") is var (group, version, resource)
            ? new GroupVersionResource { Group = group, Version = version, Resource = resource }
            : null;

    /// <summary>Reads <c>{group, version, &lt;third&gt;}</c>, all three required strings; null for an optional JSON null.</summary>
    private static (string Group, string Version, string Third)? ReadGroupVersion(
        ref Utf8JsonReader reader, string path, bool optional, ReadOnlySpan<byte> thirdName, string thirdLabel)
    {
        reader.Read();
        if (optional && reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ExpectObject(ref reader, path);
        string? group = null;
        string? version = null;
        string? third = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (Is(ref reader, "group"u8))
            {
                group = RequiredString(ref reader, $"{path}.group");
            }
            else if (Is(ref reader, "version"u8))
            {
                version = RequiredString(ref reader, $"{path}.version");
            }
            else if (Is(ref reader, thirdName))
            {
                third = RequiredString(ref reader, $"{path}.{thirdLabel}");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (
            group ?? throw Missing($"{path}.group"),
            version ?? throw Missing($"{path}.version"),
            third ?? throw Missing($"{path}.{thirdLabel}"));
    }

    private static UserInfo ReadUserInfo(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        ExpectObject(ref reader, path);
        string? username = null;
        string? uid = null;
        string[]? groups = null;
        Dictionary<string, string[]>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (Is(ref reader, "username"u8))
            {
                username = OptionalString(ref reader, $"{path}.username");
            }
            else if (Is(ref reader, "uid"u8))
            {
                uid = OptionalString(ref reader, $"{path}.uid");
            }
            else if (Is(ref reader, "groups"u8))
            {
                reader.Read();
                groups = reader.TokenType == JsonTokenType.Null ? null : StringArray(ref reader, $"{path}.groups");
            }
            else if (Is(ref reader, "extra"u8))
            {
                reader.Read();
                extra = reader.TokenType == JsonTokenType.Null ? null : ReadExtra(ref reader, $"{path}.extra");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new UserInfo { Username = username, Uid = uid, Groups = groups, Extra = extra };
    }

    private static Dictionary<string, string[]> ReadExtra(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var extra = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            extra[key] = StringArray(ref reader, $"{path}.{key}");
        }

        return extra;
    }

    private static string[] StringArray(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error($"{path} must be an array of strings");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Error($"{path}[{values.Count}] must be a string");
            }

            values.Add(reader.GetString()!);
        }

        return [.. values];
    }

    private static string RequiredString(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error($"{path} must be a string");
        }

        return reader.GetString()!;
    }

    private static string? OptionalString(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Error($"{path} must be a string"),
        };
    }

    private static bool? OptionalBoolean(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Error($"{path} must be a boolean"),
        };
    }

    private static JsonElement? OptionalValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return JsonElement.ParseValue(ref reader);
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"{path} must be an object");
        }
    }

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) => reader.ValueTextEquals(name);

    private static AdmissionRequestFormatException Missing(string path) => new($"{path} is required");

    private static AdmissionRequestFormatException Error(string message) => new(message);
}
