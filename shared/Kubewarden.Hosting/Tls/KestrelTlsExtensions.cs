using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Kubewarden.Hosting.Tls;

/// <summary>Kestrel wiring for <see cref="TlsCertificateReloader"/>.</summary>
public static class KestrelTlsExtensions
{
    /// <summary>
    /// Enables HTTPS on <paramref name="listen"/> with the reloader's material: every new
    /// connection gets the current server certificate, and when client CAs are configured,
    /// a client certificate chaining to one of them is required (mandatory mTLS).
    /// </summary>
    /// <returns><paramref name="listen"/>, for chaining.</returns>
    public static ListenOptions UseKubewardenTls(this ListenOptions listen, TlsCertificateReloader reloader)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(reloader);
        return listen.UseHttps(options => options.ConfigureKubewardenTls(reloader));
    }

    /// <summary>
    /// Configures <paramref name="options"/> from <paramref name="reloader"/>: a
    /// <see cref="HttpsConnectionAdapterOptions.ServerCertificateSelector"/> returning the current
    /// certificate (connections already established keep theirs) and, when client CAs are
    /// configured, <see cref="ClientCertificateMode.RequireCertificate"/> with validation against
    /// the current CAs.
    /// </summary>
    public static void ConfigureKubewardenTls(this HttpsConnectionAdapterOptions options, TlsCertificateReloader reloader)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reloader);
        options.ServerCertificate = null;
        options.ServerCertificateSelector = (_, _) => reloader.ServerCertificate;
        if (reloader.ClientAuthorities is not null)
        {
            options.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            options.ClientCertificateValidation = (certificate, chain, _) => reloader.ValidateClientCertificate(certificate, chain);
        }
        else
        {
            options.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            options.ClientCertificateValidation = null;
        }
    }
}
