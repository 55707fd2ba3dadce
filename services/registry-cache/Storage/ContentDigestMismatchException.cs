namespace Kubewarden.RegistryCache.Storage;

/// <summary>Content did not hash to the digest it was stored under; nothing of it was kept.</summary>
internal sealed class ContentDigestMismatchException : Exception
{
    public ContentDigestMismatchException(string expected, string actual)
        : base($"content expected to be {expected} hashes to {actual}; it was not stored")
    {
    }

    public ContentDigestMismatchException()
    {
    }

    public ContentDigestMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
