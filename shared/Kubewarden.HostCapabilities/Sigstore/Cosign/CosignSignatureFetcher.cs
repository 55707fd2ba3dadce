using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Sigstore.Cosign;

/// <summary>
/// Finds an image's cosign signatures: resolves the image to its manifest digest, reads the signature artifact tagged
/// <c>sha256-&lt;hex&gt;.sig</c> in the same repository and keeps the layers that are well-formed simple-signing
/// payloads signing that digest.
/// </summary>
internal sealed partial class CosignSignatureFetcher(OciRegistryClient registry, ILogger logger)
{
    private const string SimpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json";
    private const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    private const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>The image's digest and its signatures.</summary>
    /// <exception cref="SigstoreVerificationException">The image or its signatures cannot be read.</exception>
    public async Task<CosignSignatures> FetchAsync(string image, CancellationToken cancellationToken)
    {
        OciReference reference;
        try
        {
            reference = OciReference.Parse(image);
        }
        catch (OciReferenceFormatException e)
        {
            throw new SigstoreVerificationException($"Verification only works with OCI images: Not a valid oci image: {e.Message}", e);
        }

        try
        {
            var imageDigest = (await registry.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false)).Digest;
            var signatureReference = OciReference.Parse($"{reference.Registry}/{reference.Repository}:{imageDigest.Replace(':', '-')}.sig");
            OciManifestContent signatureManifest;
            try
            {
                signatureManifest = await registry.GetManifestAsync(signatureReference, cancellationToken).ConfigureAwait(false);
            }
            catch (OciNotFoundException)
            {
                // Kubewarden's wording, trailing space included.
                throw new SigstoreVerificationException($"no signatures found for image: {reference} ");
            }

            var layers = await ReadLayersAsync(signatureReference, signatureManifest, imageDigest, cancellationToken).ConfigureAwait(false);
            return new CosignSignatures(imageDigest, layers);
        }
        catch (Exception e) when (e is OciRegistryException or HttpRequestException or IOException or JsonException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SigstoreVerificationException($"failed to get image trusted layers: {e.Message}", e);
        }
    }

    private async Task<List<CosignSignatureLayer>> ReadLayersAsync(OciReference signatureReference, OciManifestContent manifest,
        string imageDigest, CancellationToken cancellationToken)
    {
        var descriptors = JsonSerializer.Deserialize(manifest.Content, SigstoreJsonContext.Default.CosignManifest)?.Layers ?? [];
        var layers = new List<CosignSignatureLayer>(descriptors.Count);
        foreach (var descriptor in descriptors)
        {
            if (descriptor.MediaType != SimpleSigningMediaType)
            {
                LogLayerSkipped(logger, descriptor.Digest, $"media type {descriptor.MediaType} is not {SimpleSigningMediaType}");
                continue;
            }

            if (descriptor.Annotations?.GetValueOrDefault(SignatureAnnotation) is not { } signature)
            {
                LogLayerSkipped(logger, descriptor.Digest, $"it has no {SignatureAnnotation} annotation");
                continue;
            }

            var payload = await ReadPayloadAsync(signatureReference, descriptor, cancellationToken).ConfigureAwait(false);
            if (payload is null)
            {
                continue;
            }

            var simpleSigning = ParseSimpleSigning(descriptor.Digest, payload);
            if (simpleSigning is null)
            {
                continue;
            }

            if (simpleSigning.Critical.Image.DockerManifestDigest != imageDigest)
            {
                LogLayerSkipped(logger, descriptor.Digest,
                    $"it signs {simpleSigning.Critical.Image.DockerManifestDigest}, not the image's {imageDigest}");
                continue;
            }

            layers.Add(new CosignSignatureLayer(payload, simpleSigning, signature));
        }

        return layers;
    }

    private async Task<byte[]?> ReadPayloadAsync(OciReference signatureReference, CosignLayerDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (descriptor.Size is < 0 or > MaxPayloadBytes)
        {
            LogLayerSkipped(logger, descriptor.Digest, $"its size {descriptor.Size} is not between 0 and {MaxPayloadBytes} bytes");
            return null;
        }

        var stream = await registry.OpenBlobAsync(signatureReference, descriptor.Digest, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>((int)descriptor.Size + 1);
            int read;
            do
            {
                read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                buffer.Advance(read);
            }
            while (read > 0 && buffer.WrittenCount <= MaxPayloadBytes);

            var payload = buffer.WrittenSpan.ToArray();
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(payload));
            if (digest != descriptor.Digest)
            {
                LogLayerSkipped(logger, descriptor.Digest, $"its content hashes to {digest}");
                return null;
            }

            return payload;
        }
    }

    private SimpleSigningPayload? ParseSimpleSigning(string layerDigest, byte[] payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, SigstoreJsonContext.Default.SimpleSigningPayload);
        }
        catch (JsonException e)
        {
            LogLayerSkipped(logger, layerDigest, $"its payload is not a simple-signing document: {e.Message}");
            return null;
        }
    }

    [LoggerMessage(EventId = SigstoreEventIds.SignatureLayerSkipped, EventName = nameof(SigstoreEventIds.SignatureLayerSkipped),
        Level = LogLevel.Debug, Message = "Signature layer `{LayerDigest}` left out: {Reason}")]
    private static partial void LogLayerSkipped(ILogger logger, string layerDigest, string reason);
}
