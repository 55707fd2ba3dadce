using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>
/// Writes arbitrary blobs and manifests to an unauthenticated plain-HTTP <see cref="RegistryServer"/>, to build
/// artifacts the client must refuse.
/// </summary>
public sealed class RawRegistryWriter(RegistryServer registry) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = registry.BaseUri };

    /// <summary>Uploads a blob (monolithic) and returns its digest.</summary>
    public async Task<string> PutBlobAsync(string repository, byte[] content)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var start = await _client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!.ToString();
        var separator = location.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _client.PutAsync($"{location}{separator}digest={Uri.EscapeDataString(digest)}", body);
        put.EnsureSuccessStatusCode();
        return digest;
    }

    /// <summary>Stores a manifest under a tag and returns its digest.</summary>
    public async Task<string> PutManifestAsync(string repository, string tag, string json, string mediaType = OciMediaTypes.OciManifest)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await _client.PutAsync($"/v2/{repository}/manifests/{tag}", body);
        put.EnsureSuccessStatusCode();
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
