namespace Kubewarden.RegistryCache.Storage;

/// <summary>What the store records about a piece of content (blob or manifest) besides its bytes.</summary>
/// <param name="Digest">The content digest, <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="MediaType">The media type to serve it with.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Chunks">How many state entries hold the bytes, in order.</param>
internal sealed record ContentDescriptor(string Digest, string MediaType, long Size, int Chunks);
