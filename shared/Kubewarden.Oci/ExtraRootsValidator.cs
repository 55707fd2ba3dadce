using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.Oci;

/// <summary>
/// Accepts a server certificate that the system trusts, or whose chain ends at one of a host's extra roots.
/// </summary>
internal sealed class ExtraRootsValidator(X509Certificate2Collection extraRoots)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? systemChain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Name mismatches and missing certificates are never forgiven; only an untrusted chain may be re-checked.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        if (systemChain is not null)
        {
            foreach (var element in systemChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
