using System.Text.Json.Serialization;

namespace Kubewarden.HostCapabilities.Crypto;

/// <summary>
/// The payload of <c>crypto/v1/is_certificate_trusted</c>:
/// <c>{"cert": Certificate, "cert_chain": [Certificate] | null, "not_after": "RFC 3339" | null}</c>.
/// </summary>
internal sealed record CertificateVerificationRequest
{
    /// <summary>The certificate to check.</summary>
    public required Certificate Cert { get; init; }

    /// <summary>Intermediates then, last, the trust anchor; null for the system's roots.</summary>
    public IReadOnlyList<Certificate>? CertChain { get; init; }

    /// <summary>The time to check at (RFC 3339); null or empty for now.</summary>
    public string? NotAfter { get; init; }
}

/// <summary>A certificate as the SDKs send it: its encoding and its bytes as an array of integers.</summary>
internal sealed record Certificate
{
    /// <summary>How <see cref="Data"/> is encoded.</summary>
    public required CertificateEncoding Encoding { get; init; }

    /// <summary>The PEM text's or DER bytes.</summary>
    public required IReadOnlyList<byte> Data { get; init; }
}

/// <summary>The encodings of <see cref="Certificate.Data"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateEncoding>))]
internal enum CertificateEncoding
{
    /// <summary>PEM text (<c>-----BEGIN CERTIFICATE-----</c>).</summary>
    Pem,

    /// <summary>DER bytes.</summary>
    Der,
}
