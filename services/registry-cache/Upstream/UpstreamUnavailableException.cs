namespace Kubewarden.RegistryCache.Upstream;

/// <summary>The upstream registry could not be reached, refused the cache's credentials, or answered with an error.</summary>
internal sealed class UpstreamUnavailableException : Exception
{
    public UpstreamUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UpstreamUnavailableException(string message)
        : base(message)
    {
    }

    public UpstreamUnavailableException()
    {
    }
}
