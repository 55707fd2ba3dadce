namespace Kubewarden.Hosting.Dapr;

/// <summary>Which sidecar a service's Dapr SDKs talk to.</summary>
public enum DaprSidecarMode
{
    /// <summary>A daprd (or a standalone local sidecar) named by <c>DAPR_GRPC_ENDPOINT</c> / <c>DAPR_GRPC_PORT</c>.</summary>
    External,

    /// <summary>The embedded local sidecar, started by the service itself.</summary>
    Embedded,
}
