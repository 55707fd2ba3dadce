using System.Text.Json;
using Kubewarden.Admission;
using Kubewarden.Evaluation;

namespace Kubewarden.PolicyServer.Api;

/// <summary>Turns a body into a <see cref="ValidationRequest"/>: malformed JSON → 400, the wrong shape → 422.</summary>
internal static class AdmissionRequestParsing
{
    /// <param name="Admission">The parsed AdmissionRequest (null on <c>/validate_raw</c>), for exemption and metrics.</param>
    public readonly record struct Outcome(ValidationRequest? Request, AdmissionRequest? Admission, int Status, string? Error);

    public static Outcome Parse(byte[] body, AdmissionRoute route) =>
        route == AdmissionRoute.ValidateRaw ? ParseRaw(body) : ParseReview(body);

    private static Outcome ParseReview(byte[] body)
    {
        try
        {
            var request = AdmissionRequest.FromReview(body);
            return new Outcome(ValidationRequest.ForAdmission(request), request, StatusCodes.Status200OK, null);
        }
        catch (AdmissionRequestFormatException e) when (e.InnerException is JsonException)
        {
            return new Outcome(null, null, StatusCodes.Status400BadRequest, $"Failed to parse the request body as JSON: {e.Message}");
        }
        catch (AdmissionRequestFormatException e)
        {
            return new Outcome(null, null, StatusCodes.Status422UnprocessableEntity, $"Failed to deserialize the JSON body into the target type: {e.Message}");
        }
    }

    private static Outcome ParseRaw(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return new Outcome(null, null, StatusCodes.Status400BadRequest, $"Failed to parse the request body as JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("request", out var request))
            {
                return new Outcome(null, null, StatusCodes.Status422UnprocessableEntity,
                    "Failed to deserialize the JSON body into the target type: missing field `request`");
            }

            return new Outcome(ValidationRequest.ForRaw(request.Clone()), null, StatusCodes.Status200OK, null);
        }
    }
}
