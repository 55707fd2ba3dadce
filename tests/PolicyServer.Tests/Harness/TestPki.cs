using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kubewarden.Hosting.Tests.Tls;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>A server CA and certificate (SAN 127.0.0.1), and a separate CA for client certificates.</summary>
internal sealed class TestPki : IDisposable
{
    public X509Certificate2 Ca { get; } = TlsTestMaterial.CreateCa("kubewarden-test-ca");

    public X509Certificate2 ClientCa { get; } = TlsTestMaterial.CreateCa("kubewarden-test-client-ca");

    public X509Certificate2 NewServerCertificate(string name) => TlsTestMaterial.CreateServer(Ca, name);

    public X509Certificate2 NewClientCertificate(string name) => TlsTestMaterial.CreateClient(ClientCa, name);

    /// <summary>Writes <paramref name="certificate"/> and its key as PEM files (key first, then certificate).</summary>
    public static void WritePem(X509Certificate2 certificate, string certFile, string keyFile)
    {
        File.WriteAllText(keyFile, TlsTestMaterial.Pkcs8KeyPem(certificate));
        File.WriteAllText(certFile, TlsTestMaterial.CertificatePem(certificate));
    }

    /// <summary>Accepts a server certificate only if it chains to <paramref name="root"/> and names the host.</summary>
    public static bool TrustsServer(X509Certificate2 root, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    public void Dispose()
    {
        Ca.Dispose();
        ClientCa.Dispose();
    }
}
