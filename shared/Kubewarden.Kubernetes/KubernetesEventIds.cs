namespace Kubewarden.Kubernetes;

/// <summary>Event ids of the Kubernetes library (9000–9099).</summary>
public static class KubernetesEventIds
{
    /// <summary>A kind was listed and is now watched.</summary>
    public const int Listed = 9001;

    /// <summary>A watch expired and the kind is listed again.</summary>
    public const int Relisting = 9002;

    /// <summary>A list or watch failed and will be retried.</summary>
    public const int ListWatchFailed = 9003;

    /// <summary>A Kubernetes host call failed.</summary>
    public const int CapabilityFailed = 9004;

    /// <summary>The API server rejected a list as invalid (400); it is not retried.</summary>
    public const int ListRejected = 9005;
}
