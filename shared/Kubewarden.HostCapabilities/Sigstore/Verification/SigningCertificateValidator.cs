using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kubewarden.HostCapabilities.Sigstore.Verification;

/// <summary>
/// Accepts the certificate of a <c>SigstoreCertificateVerify</c> request as cosign does: digital-signature key usage,
/// code-signing extended key usage, a subject alternative name, already valid (expiry is not checked: the signature
/// time cannot be known without Rekor), and chaining to the given certificates when there are any.
/// </summary>
internal static class SigningCertificateValidator
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>The certificate's key, once the certificate is accepted.</summary>
    /// <exception cref="SigstoreVerificationException">The certificate or a chain certificate is unreadable, or the certificate is refused.</exception>
    public static SignatureVerificationKey Validate(IReadOnlyList<byte> certificatePem, IReadOnlyList<IReadOnlyList<byte>>? chainPems, DateTimeOffset now)
    {
        using var certificate = Read(certificatePem, "certificate");
        Check(certificate, now);
        if (chainPems is not null)
        {
            CheckChain(certificate, chainPems, now);
        }

        try
        {
            return SignatureVerificationKey.FromCertificate(certificate);
        }
        catch (CryptographicException e)
        {
            throw new SigstoreVerificationException($"cannot use the key of the certificate: {e.Message}", e);
        }
    }

    private static void Check(X509Certificate2 certificate, DateTimeOffset now)
    {
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (keyUsage is null || !keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            throw new SigstoreVerificationException("certificate rejected: it has no digital signature key usage");
        }

        var extendedKeyUsage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (extendedKeyUsage is null || !extendedKeyUsage.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == CodeSigningOid))
        {
            throw new SigstoreVerificationException("certificate rejected: it has no code signing extended key usage");
        }

        if (certificate.Extensions[SubjectAlternativeNameOid] is null)
        {
            throw new SigstoreVerificationException("certificate rejected: it has no subject alternative name");
        }

        if (now < certificate.NotBefore)
        {
            throw new SigstoreVerificationException(
                $"certificate rejected: it is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC");
        }
    }

    private static void CheckChain(X509Certificate2 certificate, IReadOnlyList<IReadOnlyList<byte>> chainPems, DateTimeOffset now)
    {
        var chainCertificates = new List<X509Certificate2>(chainPems.Count);
        try
        {
            foreach (var pem in chainPems)
            {
                chainCertificates.Add(Read(pem, "certificate of certificate_chain"));
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            foreach (var chainCertificate in chainCertificates)
            {
                var isRoot = chainCertificate.SubjectName.RawData.AsSpan().SequenceEqual(chainCertificate.IssuerName.RawData);
                (isRoot ? chain.ChainPolicy.CustomTrustStore : chain.ChainPolicy.ExtraStore).Add(chainCertificate);
            }

            if (!chain.Build(certificate))
            {
                var reasons = string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct(StringComparer.Ordinal));
                throw new SigstoreVerificationException($"certificate rejected: it does not chain to certificate_chain: {reasons}");
            }
        }
        finally
        {
            foreach (var chainCertificate in chainCertificates)
            {
                chainCertificate.Dispose();
            }
        }
    }

    private static X509Certificate2 Read(IReadOnlyList<byte> pem, string what)
    {
        try
        {
            return X509Certificate2.CreateFromPem(Encoding.UTF8.GetString([.. pem]));
        }
        catch (CryptographicException e)
        {
            throw new SigstoreVerificationException($"cannot read the {what}: it is not a PEM certificate ({e.Message})", e);
        }
    }
}
