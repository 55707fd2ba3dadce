using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Sigstore.Cosign;
using Kubewarden.HostCapabilities.Sigstore.Requests;
using Kubewarden.HostCapabilities.Sigstore.Verification;
using Kubewarden.Oci;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>
/// Answers <c>oci/v1/verify</c> and <c>oci/v2/verify</c> requests: validates them, verifies public-key and certificate
/// signatures against the registry (results cached 60 s), and refuses with a clear error what needs the Sigstore trust
/// root this policy-server does not have (keyless signatures, Rekor bundles).
/// </summary>
public sealed partial class SigstoreVerificationService
{
    private const string KeylessUnavailable =
        "keyless verification is not available in this policy-server: it has no Sigstore trust root (Fulcio certificate " +
        "authorities, Rekor public key), so the certificates of keyless signatures cannot be verified. Sign with a key and " +
        "verify with SigstorePubKeyVerify or SigstoreCertificateVerify instead";

    private const string RekorBundleUnavailable =
        "Rekor bundle verification is not available in this policy-server: it has no Sigstore trust root (Rekor public key), " +
        "so require_rekor_bundle cannot be satisfied. Set require_rekor_bundle to false";

    private readonly CosignVerifier _verifier;
    private readonly SuccessCache<string, string> _cache;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="registry">Reads images and their signature artifacts.</param>
    /// <param name="time">The clock of the result cache and of certificate validity.</param>
    /// <param name="logger">Receives verification outcomes.</param>
    public SigstoreVerificationService(OciRegistryClient registry, TimeProvider time, ILogger<SigstoreVerificationService> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _verifier = new CosignVerifier(new CosignSignatureFetcher(registry, logger), time, logger);
        _cache = new SuccessCache<string, string>(TimeSpan.FromSeconds(60), time);
        _logger = logger;
    }

    /// <summary>The answer to <paramref name="request"/> made by <paramref name="policy"/>.</summary>
    internal HostCallResult Answer(PolicyContext policy, SigstoreVerificationRequest request) => request switch
    {
        PubKeyVerificationRequest { PubKeys.Count: 0 } => HostCallResult.CallbackFailure("Must provide at least one pub key"),
        PubKeyVerificationRequest pubKeys => Verify(policy, request.Image, PubKeyCacheKey(pubKeys),
            () => _verifier.VerifyPublicKeysAsync(pubKeys, CancellationToken.None)),
        KeylessVerificationRequest { Keyless.Count: 0 } => HostCallResult.CallbackFailure("Must provide keyless info"),
        KeylessPrefixVerificationRequest { KeylessPrefix.Count: 0 } => HostCallResult.CallbackFailure("Must provide keyless info"),
        GithubActionsVerificationRequest { Owner.Length: 0 } => HostCallResult.CallbackFailure("Must provide owner info"),
        KeylessVerificationRequest or KeylessPrefixVerificationRequest or GithubActionsVerificationRequest =>
            Unavailable(policy, request.Image, KeylessUnavailable),
        CertificateVerificationRequest { RequireRekorBundle: true } => Unavailable(policy, request.Image, RekorBundleUnavailable),
        CertificateVerificationRequest certificate => Verify(policy, request.Image, CertificateCacheKey(certificate),
            () => _verifier.VerifyCertificateAsync(certificate, CancellationToken.None)),
        _ => throw new UnreachableException($"unknown verification request {request.GetType().Name}"),
    };

    // Called on the Wasm thread, which waits for the answer anyway (spec §2.1: no timeout on this wait).
    private HostCallResult Verify(PolicyContext policy, string image, string cacheKey, Func<Task<string>> verify)
    {
        try
        {
            var digest = _cache.GetOrComputeAsync(cacheKey, verify).GetAwaiter().GetResult();
            LogImageVerified(_logger, policy.PolicyId, image, digest);
            var response = JsonSerializer.SerializeToUtf8Bytes(new VerificationResponse(true, digest), SigstoreJsonContext.Default.VerificationResponse);
            return HostCallResult.Success(response);
        }
        catch (SigstoreVerificationException e)
        {
            LogImageVerificationFailed(_logger, policy.PolicyId, image, e.Message);
            return HostCallResult.CallbackFailure(e.Message);
        }
    }

    private HostCallResult Unavailable(PolicyContext policy, string image, string reason)
    {
        LogVerificationUnavailable(_logger, policy.PolicyId, image, reason);
        return HostCallResult.CallbackFailure(reason);
    }

    private static string PubKeyCacheKey(PubKeyVerificationRequest request) =>
        $"pubkey\n{request.Image}\n{string.Join('\0', request.PubKeys)}\n{AnnotationsText(request.Annotations)}";

    private static string CertificateCacheKey(CertificateVerificationRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Image));
        hash.AppendData([.. request.Certificate]);
        foreach (var chainCertificate in request.CertificateChain ?? [])
        {
            hash.AppendData([.. chainCertificate]);
        }

        hash.AppendData(request.RequireRekorBundle ? "1"u8 : "0"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(AnnotationsText(request.Annotations)));
        return "certificate\n" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string AnnotationsText(IReadOnlyDictionary<string, string>? annotations) =>
        annotations is null
            ? "null"
            : string.Concat(annotations.OrderBy(annotation => annotation.Key, StringComparer.Ordinal).Select(annotation => $"{annotation.Key}\n{annotation.Value}\0"));

    [LoggerMessage(EventId = SigstoreEventIds.ImageVerified, EventName = nameof(SigstoreEventIds.ImageVerified), Level = LogLevel.Debug,
        Message = "Policy `{PolicyId}`: image `{Image}` verified, digest {Digest}")]
    private static partial void LogImageVerified(ILogger logger, string policyId, string image, string digest);

    [LoggerMessage(EventId = SigstoreEventIds.ImageVerificationFailed, EventName = nameof(SigstoreEventIds.ImageVerificationFailed),
        Level = LogLevel.Information, Message = "Policy `{PolicyId}`: image `{Image}` not verified: {Reason}")]
    private static partial void LogImageVerificationFailed(ILogger logger, string policyId, string image, string reason);

    [LoggerMessage(EventId = SigstoreEventIds.VerificationUnavailable, EventName = nameof(SigstoreEventIds.VerificationUnavailable),
        Level = LogLevel.Warning, Message = "Policy `{PolicyId}` asked to verify image `{Image}` in a way this policy-server cannot: {Reason}")]
    private static partial void LogVerificationUnavailable(ILogger logger, string policyId, string image, string reason);
}
