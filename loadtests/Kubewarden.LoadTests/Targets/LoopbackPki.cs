using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.LoadTests.Targets;

/// <summary>
/// A throw-away certificate authority for loopback targets: a server certificate for 127.0.0.1 and localhost, and a
/// client certificate for servers that require mTLS. Everything lives for a day: every certificate shares the CA's
/// validity window, because an issued certificate may not outlive its issuer.
/// </summary>
internal sealed class LoopbackPki : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public LoopbackPki()
    {
        var request = new CertificateRequest("CN=kw-load CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 NewServerCertificate()
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        return Issue("CN=localhost", new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), names.Build());
    }

    public X509Certificate2 NewClientCertificate() => Issue("CN=kw-load", new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication"), null);

    /// <summary>Writes the CA certificate as PEM, for clients that trust only it.</summary>
    public void WriteCaPem(string path) => File.WriteAllText(path, Ca.ExportCertificatePem());

    /// <summary>Writes a certificate and its private key as two PEM files.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, Oid usage, X509Extension? alternativeNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        using var issued = request.Create(Ca, Ca.NotBefore, Ca.NotAfter, RandomNumberGenerator.GetBytes(16));
        // Kestrel and SslStream need the key attached, and on Linux an exportable (PKCS#12 round-tripped) one.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
