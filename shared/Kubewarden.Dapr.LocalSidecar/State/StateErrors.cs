using Grpc.Core;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>The gRPC errors daprd answers on its state API, with its status codes and messages.</summary>
internal static class StateErrors
{
    public static RpcException StoreNotFound(string store) =>
        new(new Status(StatusCode.InvalidArgument, $"state store {store} is not found"));

    public static RpcException StoresNotConfigured(string store) =>
        new(new Status(StatusCode.FailedPrecondition, $"state store {store} is not configured"));

    public static RpcException IllegalKey(string key) =>
        new(new Status(StatusCode.InvalidArgument, $"input key/keyPrefix '{key}' can't contain '{StateKeys.Separator}'"));

    public static RpcException EmptyKey() => new(new Status(StatusCode.InvalidArgument, "state key cannot be empty"));

    public static RpcException UnsupportedOperation(string operationType) =>
        new(new Status(StatusCode.Unimplemented, $"operation type {operationType} not supported"));

    public static RpcException GetFailed(string key, string store, Exception error) =>
        new(new Status(StatusCode.Internal, $"fail to get {key} from state store {store}: {error.Message}"));

    // daprd passes a failed bulk read's error on unwrapped, which gRPC reports as Unknown.
    public static RpcException GetBulkFailed(Exception error) => new(new Status(StatusCode.Unknown, error.Message));

    public static RpcException SaveFailed(string store, Exception error) =>
        new(new Status(CodeOf(error), $"failed saving state in state store {store}: {error.Message}"));

    public static RpcException DeleteFailed(string key, Exception error) =>
        new(new Status(CodeOf(error), $"failed deleting state with key {key}: {error.Message}"));

    public static RpcException DeleteBulkFailed(string store, Exception error) =>
        new(new Status(CodeOf(error), $"failed deleting state in state store {store}: {error.Message}"));

    // daprd answers every failed transaction, an ETag mismatch too, with Internal.
    public static RpcException TransactionFailed(Exception error) =>
        new(new Status(StatusCode.Internal, $"error while executing state transaction: {error.Message}"));

    private static StatusCode CodeOf(Exception error) => error is ETagMismatchException ? StatusCode.Aborted : StatusCode.Internal;
}
