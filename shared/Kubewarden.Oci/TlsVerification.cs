namespace Kubewarden.Oci;

/// <summary>How a connection checks the server certificate.</summary>
internal enum TlsVerification
{
    /// <summary>System roots plus the host's <c>source_authorities</c>.</summary>
    Verified,

    /// <summary>Any certificate is accepted (insecure sources only).</summary>
    Unverified,
}
