using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubewarden.Hosting.Tls;

namespace Kubewarden.Hosting.Tests.Tls;

public sealed class CertificateLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _ca = TlsTestMaterial.CreateCa("loader-ca");

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void LoadsEcdsaPkcs8Pair()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "ec-server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));

        using var loaded = ServerCertificateFiles.Load(cert, key);

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(server.Thumbprint, loaded.Thumbprint);
        using var privateKey = loaded.GetECDsaPrivateKey();
        Assert.NotNull(privateKey);
    }

    [Fact]
    public void LoadsEcdsaSec1Key()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "sec1-server");
        using var ec = server.GetECDsaPrivateKey()!;
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", ec.ExportECPrivateKeyPem());

        using var loaded = ServerCertificateFiles.Load(cert, key);

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(server.Thumbprint, loaded.Thumbprint);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoadsRsaKeyInPkcs1OrPkcs8(bool pkcs1)
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "rsa-server", rsa: true);
        using var rsa = server.GetRSAPrivateKey()!;
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", pkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem());

        using var loaded = ServerCertificateFiles.Load(cert, key);

        Assert.True(loaded.HasPrivateKey);
        using var loadedKey = loaded.GetRSAPrivateKey();
        Assert.NotNull(loadedKey);
    }

    [Fact]
    public void RejectsTwoCertificatesInCertFile()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server) + TlsTestMaterial.CertificatePem(_ca));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{cert} contains 2 certificates; exactly one is expected (no chain)", ex.Message);
        Assert.Equal(cert, ex.FilePath);
    }

    [Fact]
    public void RejectsCertFileWithoutCertificate()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", "not a pem file\n");
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{cert} contains no PEM certificate; exactly one is expected", ex.Message);
    }

    [Fact]
    public void RejectsKeyFileWithoutKey()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", TlsTestMaterial.CertificatePem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{key} contains no private key; exactly one is expected", ex.Message);
        Assert.Equal(key, ex.FilePath);
    }

    [Fact]
    public void RejectsTwoKeys()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server) + TlsTestMaterial.Pkcs8KeyPem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{key} contains 2 private keys; exactly one is expected", ex.Message);
    }

    [Fact]
    public void RejectsMismatchedKey()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        using var other = TlsTestMaterial.CreateServer(_ca, "other");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(other));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"the private key in {key} does not match the certificate in {cert}", ex.Message);
        Assert.Equal(key, ex.FilePath);
    }

    [Fact]
    public void RejectsKeyOfAnotherAlgorithm()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        using var rsa = RSA.Create(2048);
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", rsa.ExportPkcs8PrivateKeyPem());

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"the private key in {key} does not match the certificate in {cert}", ex.Message);
    }

    [Fact]
    public void RejectsEncryptedKey()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        using var ec = server.GetECDsaPrivateKey()!;
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", ec.ExportEncryptedPkcs8PrivateKeyPem(
            "secret", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{key} contains an encrypted private key; an unencrypted PKCS#8, PKCS#1 or SEC1 key is expected", ex.Message);
    }

    [Fact]
    public void RejectsMissingCertFile()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.File("missing.crt");
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{cert} does not exist", ex.Message);
        Assert.Equal(cert, ex.FilePath);
    }

    [Fact]
    public void RejectsMissingKeyFile()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.File("missing.key");

        var ex = Assert.Throws<TlsConfigurationException>(() => ServerCertificateFiles.Load(cert, key));

        Assert.Equal($"{key} does not exist", ex.Message);
    }

    [Fact]
    public void ClientAuthoritiesAreTheUnionOfAllFiles()
    {
        using var otherCa = TlsTestMaterial.CreateCa("other-ca");
        var first = _dir.Write("ca1.pem", TlsTestMaterial.CertificatePem(_ca));
        var second = _dir.Write("ca2.pem", TlsTestMaterial.CertificatePem(otherCa) + TlsTestMaterial.CertificatePem(_ca));

        var collection = ClientCertificateAuthorities.Load(ClientCertificateAuthorities.ParseList($"{first}, {second}"));

        Assert.Equal(3, collection.Count);
        Assert.Contains(collection, c => c.Thumbprint == otherCa.Thumbprint);
        Assert.Contains(collection, c => c.Thumbprint == _ca.Thumbprint);
    }

    [Fact]
    public void ParseListIgnoresEmptyEntries()
    {
        Assert.Equal(["/a.pem", "/b.pem"], ClientCertificateAuthorities.ParseList(" /a.pem ,, /b.pem,"));
    }

    [Fact]
    public void ClientAuthoritiesRejectEmptyFile()
    {
        var good = _dir.Write("ca1.pem", TlsTestMaterial.CertificatePem(_ca));
        var empty = _dir.Write("ca2.pem", string.Empty);

        var ex = Assert.Throws<TlsConfigurationException>(() => ClientCertificateAuthorities.Load([good, empty]));

        Assert.Equal($"{empty} contains no PEM certificate; at least one CA certificate is expected", ex.Message);
        Assert.Equal(empty, ex.FilePath);
    }

    [Fact]
    public void ClientAuthoritiesRejectMissingFile()
    {
        var missing = _dir.File("nope.pem");

        var ex = Assert.Throws<TlsConfigurationException>(() => ClientCertificateAuthorities.Load([missing]));

        Assert.Equal($"{missing} does not exist", ex.Message);
    }
}
