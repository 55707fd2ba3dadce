using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.HostCapabilities.Sigstore.Verification;

/// <summary>
/// A public key that checks cosign signatures: ECDSA (DER signatures; SHA-256, SHA-384 or SHA-512 by curve size, as
/// cosign signs) or RSA (PKCS#1 v1.5 with SHA-256). Ed25519 keys are refused: .NET has no Ed25519.
/// </summary>
internal sealed class SignatureVerificationKey : IDisposable
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private readonly AsymmetricAlgorithm _key;

    private SignatureVerificationKey(AsymmetricAlgorithm key) => _key = key;

    /// <summary>Reads a PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo).</summary>
    /// <exception cref="CryptographicException">Not a PEM public key, or a key type cosign signatures cannot be checked with here.</exception>
    public static SignatureVerificationKey FromPem(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != "PUBLIC KEY")
        {
            throw new CryptographicException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data].ToString());
        return FromPublicKey(PublicKey.CreateFromSubjectPublicKeyInfo(der, out _));
    }

    /// <summary>The key of a certificate.</summary>
    /// <exception cref="CryptographicException">A key type cosign signatures cannot be checked with here.</exception>
    public static SignatureVerificationKey FromCertificate(X509Certificate2 certificate) => FromPublicKey(certificate.PublicKey);

    /// <summary>Whether <paramref name="base64Signature"/> is this key's signature over <paramref name="data"/>.</summary>
    public bool Verifies(byte[] data, string base64Signature)
    {
        var signature = new byte[base64Signature.Length];
        if (!Convert.TryFromBase64String(base64Signature, signature, out var length))
        {
            return false;
        }

        try
        {
            return _key switch
            {
                ECDsa ecdsa => ecdsa.VerifyData(data, signature.AsSpan(0, length), HashFor(ecdsa.KeySize), DSASignatureFormat.Rfc3279DerSequence),
                RSA rsa => rsa.VerifyData(data, signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            // A signature that is not even well-formed for this key type simply does not verify.
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static SignatureVerificationKey FromPublicKey(PublicKey key) => key.Oid.Value switch
    {
        EcPublicKeyOid => new SignatureVerificationKey(key.GetECDsaPublicKey()!),
        RsaOid => new SignatureVerificationKey(key.GetRSAPublicKey()!),
        var oid => throw new CryptographicException($"keys of algorithm {oid} ({key.Oid.FriendlyName}) are not supported: use an ECDSA or RSA key"),
    };

    private static HashAlgorithmName HashFor(int keySize) => keySize switch
    {
        <= 256 => HashAlgorithmName.SHA256,
        <= 384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };
}
