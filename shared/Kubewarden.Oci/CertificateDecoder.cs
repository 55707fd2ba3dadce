using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kubewarden.Oci;

/// <summary>
/// Reads certificates given as PEM (one or more blocks) or as a single DER certificate, whichever the bytes are.
/// </summary>
internal static class CertificateDecoder
{
    private const string PemMarker = "-----BEGIN CERTIFICATE-----";

    public static X509Certificate2Collection Decode(ReadOnlySpan<byte> data, string origin)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            var text = Encoding.UTF8.GetString(data);
            if (text.Contains(PemMarker, StringComparison.Ordinal))
            {
                collection.ImportFromPem(text);
            }
            else
            {
                collection.Add(X509CertificateLoader.LoadCertificate(data));
            }
        }
        catch (CryptographicException e)
        {
            throw new SourcesConfigException($"{origin} is neither a PEM nor a DER X.509 certificate: {e.Message}", e);
        }

        return collection;
    }
}
