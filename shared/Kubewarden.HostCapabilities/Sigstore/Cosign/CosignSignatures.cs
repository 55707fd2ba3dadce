namespace Kubewarden.HostCapabilities.Sigstore.Cosign;

/// <summary>An image's manifest digest and the signatures stored next to it that sign that digest.</summary>
internal sealed record CosignSignatures(string ImageDigest, IReadOnlyList<CosignSignatureLayer> Layers);
