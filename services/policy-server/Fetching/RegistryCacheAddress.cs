namespace Kubewarden.PolicyServer.Fetching;

/// <summary>The registry cache policies are pulled through (<c>--registry-cache</c>).</summary>
/// <param name="Url">The cache's base URL; <c>http://</c> means the cache is reached over plain HTTP.</param>
internal sealed record RegistryCacheAddress(Uri Url)
{
    /// <summary>The cache's <c>host[:port]</c>, which becomes the registry of rewritten references.</summary>
    public string Host => Url.Authority;

    /// <summary>Whether the cache speaks plain HTTP (so its host must be allowed to, as an insecure source).</summary>
    public bool IsPlainHttp => Url.Scheme == Uri.UriSchemeHttp;
}
