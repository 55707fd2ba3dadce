using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.Oci.Tests.Registry;

/// <summary>
/// A throw-away CA and a server certificate it issued for 127.0.0.1 and localhost, both written as PEM files.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(X509Certificate2 ca, X509Certificate2 server, string directory)
    {
        Certificate = ca;
        ServerCertificate = server;
        Directory = directory;
        CaPemPath = Path.Combine(directory, "ca.pem");
        ServerCertificatePemPath = Path.Combine(directory, "server.pem");
        ServerKeyPemPath = Path.Combine(directory, "server-key.pem");
        File.WriteAllText(CaPemPath, ca.ExportCertificatePem());
        File.WriteAllText(ServerCertificatePemPath, server.ExportCertificatePem());
        using var key = server.GetECDsaPrivateKey()!;
        File.WriteAllText(ServerKeyPemPath, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The directory holding the PEM files.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate as PEM.</summary>
    public string CaPemPath { get; }

    /// <summary>The server certificate as PEM.</summary>
    public string ServerCertificatePemPath { get; }

    /// <summary>The server key as PKCS#8 PEM.</summary>
    public string ServerKeyPemPath { get; }

    /// <summary>Creates the CA and server certificate in a fresh temporary directory.</summary>
    public static TestCertificateAuthority Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("kw-oci-ca-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Kubewarden.Oci test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), serial);
        var server = issued.CopyWithPrivateKey(serverKey);
        return new TestCertificateAuthority(X509CertificateLoader.LoadCertificate(ca.RawData), server, directory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        ServerCertificate.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
