using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kubewarden.Kubernetes.Api;

/// <summary>The few raw API calls the capabilities need; bodies stay JSON so objects are never mapped to types.</summary>
public sealed class KubernetesApi(KubernetesConnection connection)
{
    /// <summary>The connection the calls go through.</summary>
    public KubernetesConnection Connection => connection;

    /// <summary>GETs <paramref name="path"/>; null when the server answers 404.</summary>
    public async Task<byte[]?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs the JSON <paramref name="body"/> to <paramref name="path"/> and returns the answer.</summary>
    public async Task<byte[]> PostAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a streamed GET (a watch); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesApiException($"cannot reach the Kubernetes API server {connection.Server}: {e.Message}", null, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new KubernetesApiException(
            $"the Kubernetes API server answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {path}: {StatusMessage(body)}", response.StatusCode);
    }

    /// <summary>The <c>message</c> of a Kubernetes Status body, or the body itself.</summary>
    internal static string StatusMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 512 ? string.Concat(body.AsSpan(0, 512), "…") : body;
    }

    /// <summary>Percent-encodes a query value.</summary>
    internal static string Query(string value) => Uri.EscapeDataString(value);

    /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
