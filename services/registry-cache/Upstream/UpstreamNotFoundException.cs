namespace Kubewarden.RegistryCache.Upstream;

/// <summary>The upstream registry answered that the manifest or blob does not exist.</summary>
internal sealed class UpstreamNotFoundException : Exception
{
    public UpstreamNotFoundException(string message)
        : base(message)
    {
    }

    public UpstreamNotFoundException()
    {
    }

    public UpstreamNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
