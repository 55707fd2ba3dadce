using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Kubewarden.Hosting.Tls;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Hosting.Tests.Tls;

public sealed class TlsCertificateReloaderTests : IDisposable
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _ca = TlsTestMaterial.CreateCa("reloader-ca");
    private readonly CollectingLogger _logger = new();

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void InitialLoadFailureThrows()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server) + TlsTestMaterial.CertificatePem(_ca));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));

        var ex = Assert.Throws<TlsConfigurationException>(() => new TlsCertificateReloader(cert, key));

        Assert.Equal($"{cert} contains 2 certificates; exactly one is expected (no chain)", ex.Message);
    }

    [Fact]
    public void ReloadNowInstallsMatchingPairOnlyAndIgnoresUnchangedFiles()
    {
        using var server1 = TlsTestMaterial.CreateServer(_ca, "server-1");
        using var server2 = TlsTestMaterial.CreateServer(_ca, "server-2");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server1));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server1));
        using var reloader = new TlsCertificateReloader(cert, key, logger: _logger, watch: false);
        var events = new List<TlsReloadedEventArgs>();
        reloader.Reloaded += (_, e) => events.Add(e);

        Assert.False(reloader.ReloadNow());
        Assert.Equal(0, reloader.Version);
        Assert.Null(reloader.ClientAuthorities);

        // Only the certificate changed: the pair does not match, keep the old one.
        File.WriteAllText(cert, TlsTestMaterial.CertificatePem(server2));
        Assert.False(reloader.ReloadNow());
        Assert.Equal(server1.Thumbprint, reloader.ServerCertificate.Thumbprint);
        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains($"the private key in {key} does not match the certificate in {cert}", warning.Message, StringComparison.Ordinal);

        // Same failure again: not warned twice.
        Assert.False(reloader.ReloadNow());
        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);

        File.WriteAllText(key, TlsTestMaterial.Pkcs8KeyPem(server2));
        Assert.True(reloader.ReloadNow());
        Assert.Equal(server2.Thumbprint, reloader.ServerCertificate.Thumbprint);
        Assert.True(reloader.ServerCertificate.HasPrivateKey);
        Assert.Equal(1, reloader.Version);
        var reloaded = Assert.Single(events);
        Assert.Equal(1, reloaded.Version);
        Assert.True(reloaded.ServerCertificateChanged);
        Assert.False(reloaded.ClientAuthoritiesChanged);
    }

    [Fact]
    public void ValidateClientCertificateUsesCurrentAuthorities()
    {
        using var server = TlsTestMaterial.CreateServer(_ca, "server");
        using var otherCa = TlsTestMaterial.CreateCa("other-ca");
        using var client = TlsTestMaterial.CreateClient(_ca, "client");
        using var foreign = TlsTestMaterial.CreateClient(otherCa, "foreign");
        var cert = _dir.Write("tls.crt", TlsTestMaterial.CertificatePem(server));
        var key = _dir.Write("tls.key", TlsTestMaterial.Pkcs8KeyPem(server));
        var ca = _dir.Write("ca.pem", TlsTestMaterial.CertificatePem(_ca));
        using var reloader = new TlsCertificateReloader(cert, key, [ca], watch: false);

        Assert.True(reloader.ValidateClientCertificate(client, null));
        Assert.False(reloader.ValidateClientCertificate(foreign, null));
        Assert.False(reloader.ValidateClientCertificate(server, null)); // server-auth only EKU

        File.WriteAllText(ca, TlsTestMaterial.CertificatePem(otherCa));
        Assert.True(reloader.ReloadNow());
        Assert.False(reloader.ValidateClientCertificate(client, null));
        Assert.True(reloader.ValidateClientCertificate(foreign, null));
    }

    [Fact]
    public async Task KubernetesSecretSymlinkSwapIsDetected()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Kubernetes Secret volumes are a Linux layout");
        using var server1 = TlsTestMaterial.CreateServer(_ca, "server-1");
        using var server2 = TlsTestMaterial.CreateServer(_ca, "server-2");

        // Layout written by the kubelet's atomic writer:
        //   tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>/
        WriteGeneration("..2025_01_01_00_00_00.1", server1);
        Directory.CreateSymbolicLink(_dir.File("..data"), "..2025_01_01_00_00_00.1");
        File.CreateSymbolicLink(_dir.File("tls.crt"), "..data/tls.crt");
        File.CreateSymbolicLink(_dir.File("tls.key"), "..data/tls.key");
        using var reloader = new TlsCertificateReloader(_dir.File("tls.crt"), _dir.File("tls.key"), logger: _logger);
        Assert.Equal(server1.Thumbprint, reloader.ServerCertificate.Thumbprint);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reloader.Reloaded += (_, _) => reloaded.TrySetResult();

        WriteGeneration("..2025_01_01_00_01_00.2", server2);
        Directory.CreateSymbolicLink(_dir.File("..data_tmp"), "..2025_01_01_00_01_00.2");
        await RenameAsync("..data_tmp", "..data");
        Directory.Delete(_dir.File("..2025_01_01_00_00_00.1"), recursive: true);

        await reloaded.Task.WaitAsync(ReloadTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(server2.Thumbprint, reloader.ServerCertificate.Thumbprint);
        Assert.Equal(1, reloader.Version);
    }

    private void WriteGeneration(string name, X509Certificate2 server)
    {
        Directory.CreateDirectory(_dir.File(name));
        File.WriteAllText(Path.Combine(_dir.File(name), "tls.crt"), TlsTestMaterial.CertificatePem(server));
        File.WriteAllText(Path.Combine(_dir.File(name), "tls.key"), TlsTestMaterial.Pkcs8KeyPem(server));
    }

    private async Task RenameAsync(string from, string to)
    {
        // rename(2) over an existing symlink, as the kubelet does; `mv -T` performs exactly that.
        using var process = Process.Start(new ProcessStartInfo("mv", ["-T", "-f", from, to])
        {
            WorkingDirectory = _dir.Path,
            UseShellExecute = false,
        })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
    }
}
