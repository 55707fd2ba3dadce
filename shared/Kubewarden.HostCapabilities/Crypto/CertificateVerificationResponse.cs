namespace Kubewarden.HostCapabilities.Crypto;

/// <summary>The answer of <c>crypto/v1/is_certificate_trusted</c>: <c>{"trusted": bool, "reason": "…"}</c>.</summary>
/// <param name="Trusted">Whether the certificate chains to a trusted anchor and is valid at the time asked.</param>
/// <param name="Reason">Empty when trusted; else one of Kubewarden's reasons.</param>
internal sealed record CertificateVerificationResponse(bool Trusted, string Reason)
{
    /// <summary>The answer for a trusted certificate.</summary>
    public static CertificateVerificationResponse Yes { get; } = new(true, string.Empty);

    /// <summary>An untrusted answer.</summary>
    public static CertificateVerificationResponse No(string reason) => new(false, reason);
}
