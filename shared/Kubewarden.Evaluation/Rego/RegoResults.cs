using System.Runtime.InteropServices;
using System.Text.Json;
using Kubewarden.Admission;
using Kubewarden.Evaluation.Responses;

namespace Kubewarden.Evaluation.Rego;

/// <summary>Turns a Rego result set into an AdmissionResponse, the way each mode reads it in Kubewarden.</summary>
internal static class RegoResults
{
    /// <summary>
    /// OPA: <c>result[0].result.response</c> is an AdmissionResponse (<c>uid</c> and <c>allowed</c> required); its uid is
    /// replaced by the request's. Returns null plus the error text when the result cannot be read.
    /// </summary>
    public static (AdmissionResponse? Response, string? Error) FromOpa(ReadOnlySpan<byte> resultSet, string uid)
    {
        using var document = JsonDocument.Parse(resultSet.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0
            || root[0].ValueKind != JsonValueKind.Object || !root[0].TryGetProperty("result", out var result)
            || result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("response", out var response))
        {
            return (null, OpaErrors.UninterpretableOpaResult);
        }

        if (response.ValueKind == JsonValueKind.Object && !response.TryGetProperty("uid", out _))
        {
            return (null, "missing field `uid`");
        }

        try
        {
            return (AdmissionResponse.Parse(JsonMarshal.GetRawUtf8Value(response)) with { Uid = uid }, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Gatekeeper: <c>result[0]</c> is <c>{"result": [{"msg": ...}, ...]}</c>; no violations admits, violations reject with
    /// their messages joined by <c>", "</c>. A missing or malformed result counts as no violation, as in Kubewarden.
    /// </summary>
    public static AdmissionResponse FromGatekeeper(ReadOnlySpan<byte> resultSet, string uid)
    {
        var violations = ReadViolations(resultSet);
        return violations is not { Count: > 0 }
            ? AdmissionResponse.Accept(uid)
            : new AdmissionResponse { Uid = uid, Allowed = false, Status = new AdmissionStatus { Message = string.Join(", ", violations.OfType<string>()) } };
    }

    /// <summary>Each violation's message (null when it has none), or null when the result set is not a violation list.</summary>
    private static List<string?>? ReadViolations(ReadOnlySpan<byte> resultSet)
    {
        using var document = JsonDocument.Parse(resultSet.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.Object
            || !root[0].TryGetProperty("result", out var violations) || violations.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var messages = new List<string?>();
        foreach (var violation in violations.EnumerateArray())
        {
            if (violation.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var msg = violation.TryGetProperty("msg", out var value) ? value : default;
            switch (msg.ValueKind)
            {
                case JsonValueKind.String:
                    messages.Add(msg.GetString());
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    messages.Add(null);
                    break;
                default:
                    return null;
            }
        }

        return messages;
    }

    /// <summary>A rejection worded as Kubewarden's internal-server-error answers.</summary>
    public static AdmissionResponse InternalServerError(string uid, string error) =>
        AdmissionResponses.Reject(uid, OpaErrors.InternalServerError + error, 500);
}
