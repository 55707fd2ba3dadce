using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubewarden.LoadTests.Targets;

/// <summary>HTTP handlers for targets whose certificate chains to a CA given as a PEM file, not to the system store.</summary>
internal static class TargetTls
{
    /// <summary>A handler trusting only the CA(s) in <paramref name="caFile"/> (and still checking the host name).</summary>
    public static SocketsHttpHandler CreateHandler(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && certificate is X509Certificate2 presented && ChainsTo(presented, roots),
        };
        return new SocketsHttpHandler { SslOptions = ssl, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
