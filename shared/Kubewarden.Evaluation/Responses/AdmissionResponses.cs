using System.Text.Json;
using Kubewarden.Admission;

namespace Kubewarden.Evaluation.Responses;

/// <summary>Turns what a policy answered into an <see cref="AdmissionResponse"/>, as Kubewarden does.</summary>
internal static class AdmissionResponses
{
    public const string MutationOfNullObject =
        "Incoming object is null, which happens only with DELETE operations, but the policy is attempting a mutation. This is not allowed";

    public static AdmissionResponse Reject(string uid, string message, int? code) => new()
    {
        Uid = uid,
        Allowed = false,
        Status = new AdmissionStatus { Message = message, Code = code },
    };

    /// <summary>
    /// Parses a ValidationResponse; <paramref name="unreadablePrefix"/> starts the message when the output is not one.
    /// </summary>
    public static (AdmissionResponse Response, bool Readable) FromPolicyOutput(ReadOnlySpan<byte> output, ValidationRequest request, string unreadablePrefix)
    {
        ValidationResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(output, ResponseJsonContext.Default.ValidationResponse);
        }
        catch (JsonException e)
        {
            return (Reject(request.Uid, $"{unreadablePrefix}{e.Message}", 500), false);
        }

        return response is null
            ? (Reject(request.Uid, $"{unreadablePrefix}the policy answered `null`", 500), false)
            : (FromValidationResponse(response, request), true);
    }

    private static AdmissionResponse FromValidationResponse(ValidationResponse response, ValidationRequest request)
    {
        string? patch = null;
        if (response.MutatedObject is { } mutated && mutated.ValueKind != JsonValueKind.Null)
        {
            if (request.Object is not { } original || original.ValueKind == JsonValueKind.Null)
            {
                return new AdmissionResponse { Uid = request.Uid, Allowed = false, Status = new AdmissionStatus { Message = MutationOfNullObject } };
            }

            patch = JsonPatchDiff.Create(original, mutated) is { } diff ? Convert.ToBase64String(diff) : null;
        }

        return new AdmissionResponse
        {
            Uid = request.Uid,
            Allowed = response.Accepted,
            PatchType = patch is null ? null : "JSONPatch",
            Patch = patch,
            Status = response.Message is null && response.Code is null ? null : new AdmissionStatus { Message = response.Message, Code = response.Code },
            AuditAnnotations = response.AuditAnnotations,
            Warnings = response.Warnings,
        };
    }
}
