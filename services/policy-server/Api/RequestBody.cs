using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Kubewarden.PolicyServer.Api;

/// <summary>Reads a JSON request body under the size limit, answering 415/413 as Kubewarden (axum) does.</summary>
internal static class RequestBody
{
    public readonly record struct Outcome(byte[]? Body, int Status, string? Error);

    public static async Task<Outcome> ReadAsync(HttpRequest request, long limit)
    {
        if (!IsJson(request.ContentType))
        {
            return new Outcome(null, StatusCodes.Status415UnsupportedMediaType, "Expected request with `Content-Type: application/json`");
        }

        if (request.ContentLength > limit)
        {
            return TooLarge();
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // Our own limit answers with Kubewarden's body; Kestrel's would answer an empty 413.
            sizeFeature.MaxRequestBodySize = null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return new Outcome(buffer.WrittenSpan.ToArray(), StatusCodes.Status200OK, null);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return TooLarge();
            }
        }
    }

    private static Outcome TooLarge() =>
        new(null, StatusCodes.Status413PayloadTooLarge, "Failed to buffer the request body: length limit exceeded");

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
