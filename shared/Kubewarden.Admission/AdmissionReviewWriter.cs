using System.Text.Json;
using Kubewarden.Admission.Internal;

namespace Kubewarden.Admission;

/// <summary>Wraps an <see cref="AdmissionResponse"/> in the envelopes the policy-server returns.</summary>
public static class AdmissionReviewWriter
{
    /// <summary>The <c>apiVersion</c> of the AdmissionReview envelope.</summary>
    public const string ApiVersion = "admission.k8s.io/v1";

    /// <summary>The <c>kind</c> of the AdmissionReview envelope.</summary>
    public const string Kind = "AdmissionReview";

    /// <summary>
    /// Writes <c>{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","response":{…}}</c>
    /// (the answer to a <c>/validate</c> call).
    /// </summary>
    /// <param name="response">The response to wrap.</param>
    /// <returns>Compact UTF-8 JSON.</returns>
    public static byte[] Write(AdmissionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonOutput.Write(response, static (writer, r) => WriteTo(writer, r));
    }

    /// <summary>Writes <c>{"response":{…}}</c> (the answer to a <c>/validate_raw</c> call).</summary>
    /// <param name="response">The response to wrap.</param>
    /// <returns>Compact UTF-8 JSON.</returns>
    public static byte[] WriteRaw(AdmissionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonOutput.Write(response, static (writer, r) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("response"u8);
            r.WriteTo(writer);
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes the <see cref="Write(AdmissionResponse)"/> envelope to an existing writer.</summary>
    /// <param name="writer">The destination writer.</param>
    /// <param name="response">The response to wrap.</param>
    public static void WriteTo(Utf8JsonWriter writer, AdmissionResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        writer.WriteString("kind"u8, Kind);
        writer.WriteString("apiVersion"u8, ApiVersion);
        writer.WritePropertyName("response"u8);
        response.WriteTo(writer);
        writer.WriteEndObject();
    }
}
