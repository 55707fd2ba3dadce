using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>
/// Binds <see cref="DaprStateService"/> to the state RPCs of <c>dapr.proto.runtime.v1.Dapr</c>. Dapr's package only
/// ships a client for that service, so the method descriptors are made here from its message parsers.
/// </summary>
internal static class DaprStateServiceBinder
{
    private const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    private static readonly Method<GetStateRequest, GetStateResponse> GetState =
        Unary(nameof(DaprStateService.GetState), GetStateRequest.Parser, GetStateResponse.Parser);

    private static readonly Method<GetBulkStateRequest, GetBulkStateResponse> GetBulkState =
        Unary(nameof(DaprStateService.GetBulkState), GetBulkStateRequest.Parser, GetBulkStateResponse.Parser);

    private static readonly Method<SaveStateRequest, Empty> SaveState =
        Unary(nameof(DaprStateService.SaveState), SaveStateRequest.Parser, Empty.Parser);

    private static readonly Method<DeleteStateRequest, Empty> DeleteState =
        Unary(nameof(DaprStateService.DeleteState), DeleteStateRequest.Parser, Empty.Parser);

    private static readonly Method<DeleteBulkStateRequest, Empty> DeleteBulkState =
        Unary(nameof(DaprStateService.DeleteBulkState), DeleteBulkStateRequest.Parser, Empty.Parser);

    private static readonly Method<ExecuteStateTransactionRequest, Empty> ExecuteStateTransaction =
        Unary(nameof(DaprStateService.ExecuteStateTransaction), ExecuteStateTransactionRequest.Parser, Empty.Parser);

    /// <summary>Called by Grpc.AspNetCore (through <see cref="BindServiceMethodAttribute"/>) with a null service to discover the methods.</summary>
    public static void BindService(ServiceBinderBase binder, DaprStateService? service)
    {
        binder.AddMethod(GetState, service is null ? null : service.GetState);
        binder.AddMethod(GetBulkState, service is null ? null : service.GetBulkState);
        binder.AddMethod(SaveState, service is null ? null : service.SaveState);
        binder.AddMethod(DeleteState, service is null ? null : service.DeleteState);
        binder.AddMethod(DeleteBulkState, service is null ? null : service.DeleteBulkState);
        binder.AddMethod(ExecuteStateTransaction, service is null ? null : service.ExecuteStateTransaction);
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string name, MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        new(MethodType.Unary, ServiceName, name, MarshallerOf(request), MarshallerOf(response));

    private static Marshaller<T> MarshallerOf<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
}
