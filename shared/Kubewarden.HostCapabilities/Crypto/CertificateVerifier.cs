using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.HostCapabilities.Crypto;

/// <summary>
/// Kubewarden's certificate check: the certificate must be valid at the given time, must not be a CA, and must chain
/// (signatures, CA constraints, intermediates valid at that time) to the trust anchor, whose own validity period is not
/// checked. Any extended key usage is accepted; revocation is not checked; nothing is downloaded.
/// </summary>
internal static class CertificateVerifier
{
    public const string NotTrustedByChain = "Certificate is not trusted by the provided cert chain";
    public const string UsedAfterExpiration = "Certificate is being used after its expiration date";
    public const string UsedBeforeValidity = "Certificate is being used before its validity date";

    private const X509ChainStatusFlags UnknownIssuer =
        X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid;

    // Validity periods are checked here (the anchor's is not), so the chain engine's time checks are off.
    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    /// <summary>Checks <paramref name="certificate"/> at <paramref name="time"/>.</summary>
    /// <param name="certificate">The end-entity certificate.</param>
    /// <param name="intermediates">Certificates that may complete the path.</param>
    /// <param name="anchor">The only trusted root; null for the system's roots.</param>
    /// <param name="time">The verification time.</param>
    public static CertificateVerificationResponse Verify(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, X509Certificate2? anchor,
        DateTimeOffset time)
    {
        if (ValidityReason(certificate, time) is { } validity)
        {
            return CertificateVerificationResponse.No(validity);
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority))
        {
            return CertificateVerificationResponse.No("Certificate not trusted: CaUsedAsEndEntity");
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = time.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested;
        policy.ExtraStore.AddRange(intermediates.ToArray());
        if (anchor is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.Add(anchor);
        }

        chain.Build(certificate);
        var path = chain.ChainElements.Select(element => element.Certificate).ToList();
        try
        {
            return Judge(chain.ChainStatus, path, time);
        }
        finally
        {
            path.ForEach(c => c.Dispose());
        }
    }

    private static CertificateVerificationResponse Judge(X509ChainStatus[] status, List<X509Certificate2> path, DateTimeOffset time)
    {
        var problems = status.Aggregate(X509ChainStatusFlags.NoError, (flags, s) => flags | s.Status) & ~TimeFlags;
        if ((problems & UnknownIssuer) != 0)
        {
            return CertificateVerificationResponse.No(NotTrustedByChain);
        }

        // The first element is the certificate, checked already; the last one is the anchor.
        for (var i = 1; i < path.Count - 1; i++)
        {
            if (ValidityReason(path[i], time) is { } validity)
            {
                return CertificateVerificationResponse.No(validity);
            }
        }

        return problems == X509ChainStatusFlags.NoError
            ? CertificateVerificationResponse.Yes
            : CertificateVerificationResponse.No($"Certificate not trusted: {problems}");
    }

    private static string? ValidityReason(X509Certificate2 certificate, DateTimeOffset time) =>
        time.UtcDateTime > certificate.NotAfter.ToUniversalTime() ? UsedAfterExpiration
        : time.UtcDateTime < certificate.NotBefore.ToUniversalTime() ? UsedBeforeValidity
        : null;
}
