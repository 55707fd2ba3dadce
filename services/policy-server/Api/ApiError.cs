using System.Text.Json;

namespace Kubewarden.PolicyServer.Api;

/// <summary>
/// Error answers as Kubewarden writes them: <c>{"message": ..., "status": N}</c> on <c>/validate</c> and for
/// server-side errors; a plain-text body for request-extraction errors of <c>/audit</c> and <c>/validate_raw</c>.
/// </summary>
internal static class ApiError
{
    public const string SomethingWentWrong = "Something went wrong";

    public static Task WriteJsonAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message"u8, message);
            writer.WriteNumber("status"u8, status);
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    public static Task WriteExtractionErrorAsync(HttpContext context, AdmissionRoute route, int status, string message)
    {
        if (route == AdmissionRoute.Validate)
        {
            return WriteJsonAsync(context, status, message);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
