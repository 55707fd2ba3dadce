using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Crypto;

/// <summary>
/// <c>crypto</c>/<c>v1/is_certificate_trusted</c>: the payload is
/// <c>{"cert": {"encoding": "Pem"|"Der", "data": [bytes]}, "cert_chain": [...]|null, "not_after": "RFC 3339"|null}</c>;
/// the answer is <c>{"trusted": bool, "reason": "…"}</c>. With a chain its last certificate is the only trust anchor and
/// the others are intermediates; without one the system's roots are trusted. The check happens at <c>not_after</c>, or
/// now. A certificate that cannot be read or a malformed time is a host error. Not cached.
/// </summary>
public sealed class IsCertificateTrustedHandler(TimeProvider time, ILogger<IsCertificateTrustedHandler> logger) : IHostCapabilityHandler
{
    private const string Capability = "crypto/v1/is_certificate_trusted";
    private const string Expected =
        "a JSON object {\"cert\": {\"encoding\": \"Pem\" or \"Der\", \"data\": [byte values]}, \"cert_chain\": [certificates] or null, \"not_after\": RFC 3339 time or null}";

    /// <inheritdoc />
    public string Namespace => "crypto";

    /// <inheritdoc />
    public string Operation => "v1/is_certificate_trusted";

    /// <inheritdoc />
    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!HostCallPayload.TryRead(payload, HostCapabilitiesJsonContext.Default.CertificateVerificationRequest, policy, Capability, Expected, logger,
                out var request, out var failure))
        {
            return failure;
        }

        var at = time.GetUtcNow();
        if (!string.IsNullOrEmpty(request.NotAfter) && !Rfc3339Timestamp.TryParse(request.NotAfter, out at))
        {
            return Unreadable(policy, "Timestamp not_after is not in RFC3339 format");
        }

        var loaded = new List<X509Certificate2>();
        try
        {
            foreach (var (member, what) in (request.CertChain ?? []).Select((c, i) => (c, $"Certificate {i} of cert_chain")).Prepend((request.Cert, "Certificate")))
            {
                if (Load(member, what, out var error) is not { } certificate)
                {
                    return Unreadable(policy, error);
                }

                loaded.Add(certificate);
            }

            CertificateVerificationResponse answer;
            try
            {
                answer = request.CertChain switch
                {
                    null => CertificateVerifier.Verify(loaded[0], [], null, at),
                    { Count: 0 } => CertificateVerificationResponse.No(CertificateVerifier.NotTrustedByChain),
                    _ => CertificateVerifier.Verify(loaded[0], loaded[1..^1], loaded[^1], at),
                };
            }
            catch (CryptographicException e)
            {
                return Unreadable(policy, $"Certificate could not be checked: {e.Message}");
            }

            logger.CertificateChecked(policy.PolicyId, loaded[0].Subject, answer.Trusted, answer.Reason);
            return HostCallResult.Success(JsonSerializer.SerializeToUtf8Bytes(answer, HostCapabilitiesJsonContext.Default.CertificateVerificationResponse));
        }
        finally
        {
            loaded.ForEach(c => c.Dispose());
        }
    }

    private static X509Certificate2? Load(Certificate certificate, string what, out string error)
    {
        var data = certificate.Data as byte[] ?? [.. certificate.Data];
        error = string.Empty;
        try
        {
            return certificate.Encoding == CertificateEncoding.Pem
                ? X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(data))
                : X509CertificateLoader.LoadCertificate(data);
        }
        catch (CryptographicException e)
        {
            error = $"{what} is not valid {certificate.Encoding.ToString().ToUpperInvariant()}: {e.Message}";
            return null;
        }
    }

    private HostCallResult Unreadable(PolicyContext policy, string error)
    {
        logger.CertificateUnreadable(policy.PolicyId, error);
        return HostCallResult.CallbackFailure(error);
    }
}
