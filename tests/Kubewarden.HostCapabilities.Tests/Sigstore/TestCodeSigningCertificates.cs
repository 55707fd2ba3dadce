namespace Kubewarden.HostCapabilities.Tests.Sigstore;

/// <summary>A test CA and a code-signing certificate it issued, as a <c>SigstoreCertificateVerify</c> user would hold them.</summary>
public sealed class TestCodeSigningCertificates : IDisposable
{
    private TestCodeSigningCertificates(X509Certificate2 authority, X509Certificate2 signer, ECDsa signingKey)
    {
        Authority = authority;
        Signer = signer;
        SigningKey = signingKey;
    }

    /// <summary>The self-signed CA.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The code-signing certificate (email SAN) issued by <see cref="Authority"/>.</summary>
    public X509Certificate2 Signer { get; }

    /// <summary>The signer's private key.</summary>
    public ECDsa SigningKey { get; }

    /// <summary>Creates a CA and a signer valid from an hour before <paramref name="now"/>.</summary>
    public static TestCodeSigningCertificates Create(DateTimeOffset now)
    {
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Kubewarden test signing CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(30));

        var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signerRequest = new CertificateRequest("CN=signer", signingKey, HashAlgorithmName.SHA256);
        signerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        signerRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress("signer@example.com");
        signerRequest.CertificateExtensions.Add(san.Build());
        signerRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var signer = signerRequest.Create(authority, now.AddHours(-1), now.AddDays(7), [1, 2, 3, 4]);
        return new TestCodeSigningCertificates(authority, signer, signingKey);
    }

    /// <summary>A certificate as the request carries it: the UTF-8 bytes of its PEM, as numbers.</summary>
    public static int[] PemBytes(X509Certificate2 certificate) =>
        [.. Encoding.UTF8.GetBytes(certificate.ExportCertificatePem()).Select(b => (int)b)];

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Signer.Dispose();
        SigningKey.Dispose();
    }
}
