using System.Security.Cryptography;
using Kubewarden.HostCapabilities.Sigstore.Cosign;
using Kubewarden.HostCapabilities.Sigstore.Requests;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Sigstore.Verification;

/// <summary>
/// Checks an image's cosign signatures against public keys or a certificate, offline: only what is stored in the
/// registry is read, no transparency log and no certificate authority of the Sigstore infrastructure.
/// </summary>
internal sealed partial class CosignVerifier(CosignSignatureFetcher fetcher, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Every key must have signed the image with a signature carrying the annotations; returns the verified digest.
    /// </summary>
    /// <exception cref="SigstoreVerificationException">A key has no matching signature, or the signatures cannot be read.</exception>
    public async Task<string> VerifyPublicKeysAsync(PubKeyVerificationRequest request, CancellationToken cancellationToken)
    {
        var signatures = await fetcher.FetchAsync(request.Image, cancellationToken).ConfigureAwait(false);
        var unsatisfied = request.PubKeys.Where(pem => !IsSignedBy(pem, request.Annotations, signatures.Layers)).ToList();
        if (unsatisfied.Count > 0)
        {
            throw new SigstoreVerificationException(MissingSignaturesMessage.For(unsatisfied, request.Annotations));
        }

        return signatures.ImageDigest;
    }

    /// <summary>
    /// Some signature must verify with the certificate's key and some must carry the annotations; returns the verified
    /// digest. The Rekor bundle requirement is the caller's to refuse.
    /// </summary>
    /// <exception cref="SigstoreVerificationException">The certificate is refused, no signature matches, or the signatures cannot be read.</exception>
    public async Task<string> VerifyCertificateAsync(CertificateVerificationRequest request, CancellationToken cancellationToken)
    {
        var signatures = await fetcher.FetchAsync(request.Image, cancellationToken).ConfigureAwait(false);
        using var key = SigningCertificateValidator.Validate(request.Certificate, request.CertificateChain, time.GetUtcNow());
        var signed = signatures.Layers.Any(layer => key.Verifies(layer.Payload, layer.Signature));
        var annotated = signatures.Layers.Any(layer => layer.SimpleSigning.HasAnnotations(request.Annotations));
        if (!signed || !annotated)
        {
            throw new SigstoreVerificationException("verification failed: Several Signature Layers failed verification");
        }

        return signatures.ImageDigest;
    }

    private bool IsSignedBy(string pem, IReadOnlyDictionary<string, string>? annotations, IReadOnlyList<CosignSignatureLayer> layers)
    {
        SignatureVerificationKey key;
        try
        {
            key = SignatureVerificationKey.FromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            LogKeyUnusable(logger, e.Message);
            return false;
        }

        using (key)
        {
            return layers.Any(layer => key.Verifies(layer.Payload, layer.Signature) && layer.SimpleSigning.HasAnnotations(annotations));
        }
    }

    [LoggerMessage(EventId = SigstoreEventIds.KeyUnusable, EventName = nameof(SigstoreEventIds.KeyUnusable), Level = LogLevel.Information,
        Message = "A public key given for signature verification cannot be used: {Reason}")]
    private static partial void LogKeyUnusable(ILogger logger, string reason);
}
