namespace Kubewarden.Hosting.Tls;

/// <summary>Describes a successful reload performed by <see cref="TlsCertificateReloader"/>.</summary>
public sealed class TlsReloadedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public TlsReloadedEventArgs(long version, bool serverCertificateChanged, bool clientAuthoritiesChanged)
    {
        Version = version;
        ServerCertificateChanged = serverCertificateChanged;
        ClientAuthoritiesChanged = clientAuthoritiesChanged;
    }

    /// <summary>The value of <see cref="TlsCertificateReloader.Version"/> after this reload.</summary>
    public long Version { get; }

    /// <summary>True when a new server certificate was installed.</summary>
    public bool ServerCertificateChanged { get; }

    /// <summary>True when a new client CA collection was installed.</summary>
    public bool ClientAuthoritiesChanged { get; }
}
