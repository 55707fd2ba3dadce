using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.LoadTests.Load;

/// <summary>Server certificate checks: against one CA file only, or none at all (<c>--insecure</c>).</summary>
internal static class CertificateTrust
{
    public static RemoteCertificateValidationCallback AcceptAny { get; } = (_, _, _, _) => true;

    public static RemoteCertificateValidationCallback TrustOnly(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        if (roots.Count == 0)
        {
            throw new ArgumentException($"CA file '{caFile}' holds no PEM certificate.", nameof(caFile));
        }

        return (_, certificate, chain, errors) =>
        {
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return custom.Build(leaf);
        };
    }
}
