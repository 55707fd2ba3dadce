namespace Kubewarden.Oci;

/// <summary>A way to reach a host: base URI (scheme, host, port) and the client configured for it.</summary>
/// <param name="BaseUri">E.g. <c>https://registry.example:5000/</c>.</param>
/// <param name="Client">The client to send with.</param>
/// <param name="Verification">How that client checks certificates.</param>
internal sealed record RemoteEndpoint(Uri BaseUri, HttpClient Client, TlsVerification Verification)
{
    public Uri Resolve(string pathAndQuery) => new(BaseUri, pathAndQuery);
}
