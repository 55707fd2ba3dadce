using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.HostCapabilities.Tests.Crypto;

/// <summary>Certificates made for a test: CAs and end-entity certificates with chosen validity periods.</summary>
internal static class TestChain
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A CA (self-signed when <paramref name="issuer"/> is null).</summary>
    public static X509Certificate2 Ca(string name, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2? issuer = null) =>
        Issue(name, notBefore, notAfter, issuer, isCa: true);

    /// <summary>An end-entity certificate (server auth) issued by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 Leaf(string name, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2 issuer) =>
        Issue(name, notBefore, notAfter, issuer, isCa: false);

    /// <summary>A CA valid from two years ago to two years ahead.</summary>
    public static X509Certificate2 Root(string name = "root.kubewarden.io") => Ca(name, Now.AddYears(-2), Now.AddYears(2));

    /// <summary>An end-entity certificate valid from ten days ago to ten days ahead.</summary>
    public static X509Certificate2 Leaf(X509Certificate2 issuer) => Leaf("endentity.kubewarden.io", Now.AddDays(-10), Now.AddDays(10), issuer);

    // The overload with a signature generator does not require the validity to nest in the issuer's, so expired
    // issuers of valid certificates can be made.
    private static X509Certificate2 Issue(string name, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2? issuer, bool isCa)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (!isCa)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            request.CertificateExtensions.Add(names.Build());
        }

        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter,
            RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
