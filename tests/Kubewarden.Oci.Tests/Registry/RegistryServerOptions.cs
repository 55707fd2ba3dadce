namespace Kubewarden.Oci.Tests.Registry;

/// <summary>How a <see cref="RegistryServer"/> is configured; the defaults give plain HTTP without auth.</summary>
public sealed record RegistryServerOptions
{
    /// <summary>Serve HTTPS with this CA's server certificate.</summary>
    public TestCertificateAuthority? Tls { get; init; }

    /// <summary>Require HTTP Basic auth for this user (htpasswd).</summary>
    public HtpasswdUser? Htpasswd { get; init; }

    /// <summary>Require bearer tokens from this token service.</summary>
    public TokenServer? Token { get; init; }
}
