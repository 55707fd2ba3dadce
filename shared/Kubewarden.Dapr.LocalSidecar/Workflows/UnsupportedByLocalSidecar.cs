using Grpc.Core;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>The one answer for workflow calls and actions the local sidecar does not emulate.</summary>
internal static class UnsupportedByLocalSidecar
{
    public static RpcException Error(string what) =>
        new(new Status(StatusCode.Unimplemented, $"The local Dapr sidecar does not support {what}; run daprd for it."));
}
