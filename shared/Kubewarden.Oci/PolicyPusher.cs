using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Oci;

/// <summary>
/// Pushes a policy: the <c>{}</c> config blob and the Wasm layer (skipped when the registry has them), then the manifest
/// under the reference's tag.
/// </summary>
internal sealed class PolicyPusher(RegistrySessionFactory sessions, ILogger logger)
{
    private static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    public async Task<string> PushAsync(OciReference reference, ReadOnlyMemory<byte> module, CancellationToken cancellationToken)
    {
        if (reference.Tag is null)
        {
            throw new ArgumentException($"push needs a tag, but registry://{reference} names only a digest", nameof(reference));
        }

        var started = Stopwatch.GetTimestamp();
        var annotations = PolicyAnnotations.Read(module);
        var session = await sessions.OpenAsync(reference, "pull,push", cancellationToken).ConfigureAwait(false);
        var config = new OciDescriptor(OciMediaTypes.WasmConfig, OciDigest.Of(EmptyConfig), EmptyConfig.Length);
        var layer = new OciDescriptor(OciMediaTypes.WasmLayer, OciDigest.Of(module.Span), module.Length);
        await UploadBlobAsync(session, config, EmptyConfig, cancellationToken).ConfigureAwait(false);
        await UploadBlobAsync(session, layer, module, cancellationToken).ConfigureAwait(false);

        var manifest = ManifestWriter.Write(config, layer, annotations);
        var digest = await PutManifestAsync(session, manifest, cancellationToken).ConfigureAwait(false);
        logger.PolicyPushed(reference.ToString(), digest, module.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return $"{reference.Registry}/{reference.Repository}@{digest}";
    }

    private async Task UploadBlobAsync(RegistrySession session, OciDescriptor blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var blobUri = session.RepositoryUri($"blobs/{blob.Digest}");
        using (var head = await session.SendAsync(() => new HttpRequestMessage(HttpMethod.Head, blobUri), HttpCompletionOption.ResponseHeadersRead,
                   cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.OK)
            {
                logger.BlobAlreadyPresent(session.Reference.ToString(), blob.Digest);
                return;
            }
        }

        var startUri = session.RepositoryUri("blobs/uploads/");
        using var start = await session.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, startUri), HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        await RegistrySession.EnsureSuccessAsync(start, $"starting the upload of {blob.Digest} to registry://{session.Reference}", cancellationToken)
            .ConfigureAwait(false);
        var location = start.Headers.Location
            ?? throw new OciRegistryException($"starting the upload of {blob.Digest} to registry://{session.Reference}: {startUri} answered without a Location header");

        var uploadUri = WithDigest(new Uri(session.Endpoint.BaseUri, location), blob.Digest);
        using var put = await session.SendAsync(() =>
        {
            var body = new ReadOnlyMemoryContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return new HttpRequestMessage(HttpMethod.Put, uploadUri) { Content = body };
        }, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await RegistrySession.EnsureSuccessAsync(put, $"uploading {blob.Digest} ({blob.Size} bytes) to registry://{session.Reference}", cancellationToken)
            .ConfigureAwait(false);
        logger.BlobUploaded(session.Reference.ToString(), blob.Digest, blob.Size);
    }

    private static async Task<string> PutManifestAsync(RegistrySession session, byte[] manifest, CancellationToken cancellationToken)
    {
        var reference = session.Reference;
        var digest = OciDigest.Of(manifest);
        var uri = session.RepositoryUri($"manifests/{reference.Tag}");
        using var response = await session.SendAsync(() =>
        {
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(OciMediaTypes.OciManifest);
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await RegistrySession.EnsureSuccessAsync(response, $"pushing the manifest of registry://{reference}", cancellationToken).ConfigureAwait(false);

        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } announced
            && !string.Equals(announced, digest, StringComparison.Ordinal))
        {
            throw new OciDigestMismatchException($"registry://{reference} stored the manifest as {announced}, but its bytes hash to {digest}");
        }

        return digest;
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest));
    }
}
