namespace Kubewarden.HostCapabilities.Sigstore.Cosign;

/// <summary>One signature of an image: the signed payload's bytes, its parsed form and the base64 signature over the bytes.</summary>
/// <param name="Payload">The exact bytes that were signed.</param>
/// <param name="SimpleSigning">The payload, parsed.</param>
/// <param name="Signature">The base64 signature (<c>dev.cosignproject.cosign/signature</c>).</param>
internal sealed record CosignSignatureLayer(byte[] Payload, SimpleSigningPayload SimpleSigning, string Signature);
