using System.Text.Json;

namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary>
/// Pushes images and cosign signature artifacts to a test registry, laid out as <c>cosign sign</c> does: a manifest
/// tagged <c>sha256-&lt;hex&gt;.sig</c> whose simple-signing layers carry the signature as an annotation.
/// </summary>
public sealed class CosignTestRegistry(RegistryServer registry) : IDisposable
{
    private readonly RawRegistryWriter _writer = new(registry);

    /// <summary>Pushes a small image under <paramref name="tag"/> and returns its manifest digest.</summary>
    public async Task<string> PushImageAsync(string repository, string tag)
    {
        var config = await _writer.PutBlobAsync(repository, "{}"u8.ToArray());
        var content = Encoding.UTF8.GetBytes($"image {repository}:{tag}");
        var layer = await _writer.PutBlobAsync(repository, content);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config, 2),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar", layer, content.Length)),
        };
        return await _writer.PutManifestAsync(repository, tag, manifest.ToJsonString());
    }

    /// <summary>Stores <paramref name="signatures"/> as the signature artifact of image <paramref name="imageDigest"/>.</summary>
    public async Task PushSignaturesAsync(string repository, string imageDigest, params TestSignature[] signatures)
    {
        var config = await _writer.PutBlobAsync(repository, "{}"u8.ToArray());
        var layers = new JsonArray();
        foreach (var signature in signatures)
        {
            var payload = SimpleSigning($"{registry.Host}/{repository}", signature.SignedDigest ?? imageDigest, signature.Optional);
            var digest = await _writer.PutBlobAsync(repository, payload);
            var descriptor = Descriptor("application/vnd.dev.cosign.simplesigning.v1+json", digest, payload.Length);
            descriptor["annotations"] = new JsonObject
            {
                ["dev.cosignproject.cosign/signature"] = Convert.ToBase64String(signature.Sign(payload)),
            };
            layers.Add(descriptor);
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config, 2),
            ["layers"] = layers,
        };
        await _writer.PutManifestAsync(repository, imageDigest.Replace(':', '-') + ".sig", manifest.ToJsonString());
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static byte[] SimpleSigning(string dockerReference, string digest, IReadOnlyDictionary<string, string>? optional)
    {
        var document = new JsonObject
        {
            ["critical"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["docker-reference"] = dockerReference },
                ["image"] = new JsonObject { ["docker-manifest-digest"] = digest },
                ["type"] = "cosign container image signature",
            },
            ["optional"] = optional is null ? null : JsonSerializer.SerializeToNode(optional),
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static JsonObject Descriptor(string mediaType, string digest, long size) =>
        new() { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };
}

/// <summary>One signature to store: who signs, and optionally another digest or annotations.</summary>
/// <param name="Key">The signing key (ECDSA or RSA).</param>
/// <param name="SignedDigest">The digest the payload names; the image's when null.</param>
/// <param name="Optional">The payload's <c>optional</c> annotations.</param>
public sealed record TestSignature(AsymmetricAlgorithm Key, string? SignedDigest = null, IReadOnlyDictionary<string, string>? Optional = null)
{
    /// <summary>The signature cosign would make over <paramref name="payload"/>.</summary>
    public byte[] Sign(byte[] payload) => Key switch
    {
        ECDsa ecdsa => ecdsa.SignData(payload, ecdsa.KeySize switch { 256 => HashAlgorithmName.SHA256, 384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 },
            DSASignatureFormat.Rfc3279DerSequence),
        RSA rsa => rsa.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new NotSupportedException(Key.GetType().Name),
    };
}
