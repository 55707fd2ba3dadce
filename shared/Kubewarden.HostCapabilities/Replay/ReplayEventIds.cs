namespace Kubewarden.HostCapabilities.Replay;

/// <summary>Event ids of the host-capability replay (9300–9399). Names are API: do not rename.</summary>
public static class ReplayEventIds
{
    /// <summary>A session was loaded; its capabilities answer from it.</summary>
    public const int SessionLoaded = 9300;

    /// <summary>A policy made a host call the session has no answer for.</summary>
    public const int NoRecordedAnswer = 9301;

    /// <summary>A policy asked for Kubernetes resources its <c>contextAwareResources</c> do not list.</summary>
    public const int KubernetesResourceDenied = 9302;

    /// <summary>A policy sent a host-call payload that is not a request of the capability.</summary>
    public const int InvalidPayload = 9303;
}
