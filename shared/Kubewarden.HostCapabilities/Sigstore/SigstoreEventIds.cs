namespace Kubewarden.HostCapabilities.Sigstore;

/// <summary>Event ids of the Sigstore verification capabilities (9200–9299). Names are API: do not rename.</summary>
public static class SigstoreEventIds
{
    /// <summary>An image's signatures satisfied every constraint.</summary>
    public const int ImageVerified = 9200;

    /// <summary>An image's signatures did not satisfy the constraints, or could not be fetched.</summary>
    public const int ImageVerificationFailed = 9201;

    /// <summary>A signature layer was left out: wrong media type, unreadable payload, or signed for another digest.</summary>
    public const int SignatureLayerSkipped = 9202;

    /// <summary>A policy asked for a verification this policy-server cannot do (keyless, Rekor bundle).</summary>
    public const int VerificationUnavailable = 9203;

    /// <summary>A public key or certificate given by a policy cannot be used to verify signatures.</summary>
    public const int KeyUnusable = 9204;
}
