using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.Hosting.Tls;

/// <summary>
/// Loads the policy-server's TLS server certificate from a PEM certificate file and a PEM
/// private-key file (<c>--cert-file</c> / <c>--key-file</c>).
/// </summary>
/// <remarks>
/// Mirrors Kubewarden's <c>certs.rs</c>: the certificate file must contain exactly one PEM
/// certificate (no chain) and the key file exactly one unencrypted private key (RSA or ECDSA,
/// PKCS#8, PKCS#1 or SEC1). Anything else is a configuration error.
/// </remarks>
public static class ServerCertificateFiles
{
    /// <summary>
    /// Loads the certificate in <paramref name="certFile"/> together with the private key in
    /// <paramref name="keyFile"/>.
    /// </summary>
    /// <returns>A certificate with an associated private key, usable by <c>SslStream</c>/Kestrel.</returns>
    /// <exception cref="TlsConfigurationException">A file is missing, unreadable or malformed, or the key does not match the certificate.</exception>
    public static X509Certificate2 Load(string certFile, string keyFile)
    {
        ArgumentNullException.ThrowIfNull(certFile);
        ArgumentNullException.ThrowIfNull(keyFile);
        var certText = PemFile.ReadText(certFile);
        var keyText = PemFile.ReadText(keyFile);
        return LoadFromPem(certFile, certText, keyFile, keyText);
    }

    /// <summary>Builds the certificate from already-read file contents (paths are for messages).</summary>
    internal static X509Certificate2 LoadFromPem(string certFile, string certText, string keyFile, string keyText)
    {
        using var certificate = ParseSingleCertificate(certFile, certText);
        var keyBlock = ParseSingleKey(keyFile, keyText);

        X509Certificate2 withKey;
        using (var rsaPublic = certificate.GetRSAPublicKey())
        using (var ecPublic = rsaPublic is null ? certificate.GetECDsaPublicKey() : null)
        {
            if (rsaPublic is not null)
            {
                using var rsa = ImportRsa(keyFile, keyBlock, certFile);
                if (!RsaKeysMatch(rsaPublic, rsa))
                {
                    throw Mismatch(certFile, keyFile);
                }

                withKey = certificate.CopyWithPrivateKey(rsa);
            }
            else if (ecPublic is not null)
            {
                using var ecdsa = ImportEcdsa(keyFile, keyBlock, certFile);
                if (!EcKeysMatch(ecPublic, ecdsa))
                {
                    throw Mismatch(certFile, keyFile);
                }

                withKey = certificate.CopyWithPrivateKey(ecdsa);
            }
            else
            {
                throw new TlsConfigurationException(
                    certFile,
                    $"{certFile} contains a certificate with an unsupported public key algorithm ({certificate.PublicKey.Oid.Value}); RSA or ECDSA is expected");
            }
        }

        // Keys attached with CopyWithPrivateKey are ephemeral; SslStream (notably on Windows,
        // and for some Linux/OpenSSL code paths) needs a certificate whose key was loaded from a
        // PKCS#12 blob. Round-tripping through PKCS#12 is the standard workaround.
        using (withKey)
        {
            var pfx = withKey.Export(X509ContentType.Pkcs12);
            try
            {
                return X509CertificateLoader.LoadPkcs12(pfx, password: null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pfx);
            }
        }
    }

    private static X509Certificate2 ParseSingleCertificate(string certFile, string certText)
    {
        var certificates = PemFile.Parse(certText).Where(b => b.Label == PemFile.CertificateLabel).ToList();
        if (certificates.Count == 0)
        {
            throw new TlsConfigurationException(certFile, $"{certFile} contains no PEM certificate; exactly one is expected");
        }

        if (certificates.Count > 1)
        {
            throw new TlsConfigurationException(
                certFile,
                $"{certFile} contains {certificates.Count} certificates; exactly one is expected (no chain)");
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(certificates[0].Data);
        }
        catch (CryptographicException ex)
        {
            throw new TlsConfigurationException(certFile, $"{certFile} contains an invalid certificate: {ex.Message}", ex);
        }
    }

    private static PemBlock ParseSingleKey(string keyFile, string keyText)
    {
        var keys = PemFile.Parse(keyText).Where(b => PemFile.IsPrivateKey(b.Label)).ToList();
        if (keys.Count == 0)
        {
            throw new TlsConfigurationException(keyFile, $"{keyFile} contains no private key; exactly one is expected");
        }

        if (keys.Count > 1)
        {
            throw new TlsConfigurationException(
                keyFile,
                $"{keyFile} contains {keys.Count} private keys; exactly one is expected");
        }

        if (keys[0].Label == PemFile.EncryptedKeyLabel)
        {
            throw new TlsConfigurationException(
                keyFile,
                $"{keyFile} contains an encrypted private key; an unencrypted PKCS#8, PKCS#1 or SEC1 key is expected");
        }

        return keys[0];
    }

    private static RSA ImportRsa(string keyFile, PemBlock key, string certFile)
    {
        if (key.Label == PemFile.EcKeyLabel)
        {
            throw Mismatch(certFile, keyFile);
        }

        var rsa = RSA.Create();
        try
        {
            if (key.Label == PemFile.RsaKeyLabel)
            {
                rsa.ImportRSAPrivateKey(key.Data, out _);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(key.Data, out _);
            }

            return rsa;
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            if (key.Label == PemFile.Pkcs8KeyLabel && IsPkcs8Of(key.Data, static () => ECDsa.Create()))
            {
                throw Mismatch(certFile, keyFile);
            }

            throw new TlsConfigurationException(keyFile, $"{keyFile} contains an invalid private key: {ex.Message}", ex);
        }
    }

    private static ECDsa ImportEcdsa(string keyFile, PemBlock key, string certFile)
    {
        if (key.Label == PemFile.RsaKeyLabel)
        {
            throw Mismatch(certFile, keyFile);
        }

        var ecdsa = ECDsa.Create();
        try
        {
            if (key.Label == PemFile.EcKeyLabel)
            {
                ecdsa.ImportECPrivateKey(key.Data, out _);
            }
            else
            {
                ecdsa.ImportPkcs8PrivateKey(key.Data, out _);
            }

            return ecdsa;
        }
        catch (CryptographicException ex)
        {
            ecdsa.Dispose();
            if (key.Label == PemFile.Pkcs8KeyLabel && IsPkcs8Of(key.Data, static () => RSA.Create()))
            {
                throw Mismatch(certFile, keyFile);
            }

            throw new TlsConfigurationException(keyFile, $"{keyFile} contains an invalid private key: {ex.Message}", ex);
        }
    }

    private static bool IsPkcs8Of(byte[] data, Func<AsymmetricAlgorithm> factory)
    {
        using var algorithm = factory();
        try
        {
            algorithm.ImportPkcs8PrivateKey(data, out _);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool RsaKeysMatch(RSA certificateKey, RSA privateKey)
    {
        var expected = certificateKey.ExportParameters(includePrivateParameters: false);
        var actual = privateKey.ExportParameters(includePrivateParameters: false);
        return expected.Modulus.AsSpan().SequenceEqual(actual.Modulus)
            && expected.Exponent.AsSpan().SequenceEqual(actual.Exponent);
    }

    private static bool EcKeysMatch(ECDsa certificateKey, ECDsa privateKey)
    {
        var expected = certificateKey.ExportParameters(includePrivateParameters: false);
        var actual = privateKey.ExportParameters(includePrivateParameters: false);
        return expected.Q.X.AsSpan().SequenceEqual(actual.Q.X)
            && expected.Q.Y.AsSpan().SequenceEqual(actual.Q.Y);
    }

    private static TlsConfigurationException Mismatch(string certFile, string keyFile) =>
        new(keyFile, $"the private key in {keyFile} does not match the certificate in {certFile}");
}
