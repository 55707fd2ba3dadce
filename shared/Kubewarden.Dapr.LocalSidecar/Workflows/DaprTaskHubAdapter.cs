using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Logging;
using D = Dapr.DurableTask.Protobuf;
using M = Microsoft.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// Dapr's dialect of <c>TaskHubSidecarService</c>, served by Microsoft's in-memory durable-task server: each RPC converts
/// its request with <see cref="ProtoBridge"/>, calls the same RPC on <see cref="TaskHubGrpcServer"/> in-process and
/// converts the reply. Dapr ships only client stubs for its protos, so the service is bound by hand.
/// </summary>
/// <remarks>
/// Grpc.AspNetCore binds an RPC only to a public virtual method declared on the type named in
/// <see cref="BindServiceMethodAttribute"/>, hence the virtual methods on a class that is never derived from.
/// </remarks>
[BindServiceMethod(typeof(DaprTaskHubAdapter), nameof(BindService))]
#pragma warning disable CA1852
internal class DaprTaskHubAdapter(
    TaskHubGrpcServer backend,
    PatchMemory patches,
    TaskExecutionIdMemory executionIds,
    ILogger<DaprTaskHubAdapter> logger)
#pragma warning restore CA1852
{
    private static readonly TimeSpan StartPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Grpc.AspNetCore calls this with a null service and binds each RPC, by name, to the public virtual method of this class
    /// that has that name; hence no handlers are passed.
    /// </summary>
    public static void BindService(ServiceBinderBase binder, DaprTaskHubAdapter? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        Unary<Empty, Empty>(binder, nameof(Hello));
        Unary<D.CreateInstanceRequest, D.CreateInstanceResponse>(binder, nameof(StartInstance));
        Unary<D.GetInstanceRequest, D.GetInstanceResponse>(binder, nameof(GetInstance));
        Unary<D.GetInstanceRequest, D.GetInstanceResponse>(binder, nameof(WaitForInstanceStart));
        Unary<D.GetInstanceRequest, D.GetInstanceResponse>(binder, nameof(WaitForInstanceCompletion));
        Unary<D.RaiseEventRequest, D.RaiseEventResponse>(binder, nameof(RaiseEvent));
        Unary<D.TerminateRequest, D.TerminateResponse>(binder, nameof(TerminateInstance));
        Unary<D.SuspendRequest, D.SuspendResponse>(binder, nameof(SuspendInstance));
        Unary<D.ResumeRequest, D.ResumeResponse>(binder, nameof(ResumeInstance));
        Unary<D.PurgeInstancesRequest, D.PurgeInstancesResponse>(binder, nameof(PurgeInstances));
        Unary<D.ActivityResponse, D.CompleteTaskResponse>(binder, nameof(CompleteActivityTask));
        Unary<D.WorkflowResponse, D.CompleteTaskResponse>(binder, nameof(CompleteOrchestratorTask));
        Unary<D.WorkflowResponse, D.CompleteTaskResponse>(binder, nameof(CompleteWorkflowTask));
        Unary<D.RerunWorkflowFromEventRequest, D.RerunWorkflowFromEventResponse>(binder, nameof(RerunWorkflowFromEvent));
        Unary<D.ListInstanceIDsRequest, D.ListInstanceIDsResponse>(binder, nameof(ListInstanceIDs));
        Unary<D.GetInstanceHistoryRequest, D.GetInstanceHistoryResponse>(binder, nameof(GetInstanceHistory));
        binder.AddMethod(
            new Method<D.GetWorkItemsRequest, D.WorkItem>(MethodType.ServerStreaming, D.TaskHubSidecarService.Descriptor.FullName, nameof(GetWorkItems), Marshal<D.GetWorkItemsRequest>(), Marshal<D.WorkItem>()),
            (ServerStreamingServerMethod<D.GetWorkItemsRequest, D.WorkItem>?)null);
    }

    /// <summary>Hands a call to Microsoft's server, the request and its answer re-parsed across the two proto forks.</summary>
    private static async Task<TDaprResponse> Relay<TMicrosoftRequest, TMicrosoftResponse, TDaprResponse>(
        IMessage request, Func<TMicrosoftRequest, Task<TMicrosoftResponse>> call)
        where TMicrosoftRequest : IMessage<TMicrosoftRequest>, new()
        where TMicrosoftResponse : IMessage
        where TDaprResponse : IMessage<TDaprResponse>, new() =>
        ProtoBridge.Reparse<TDaprResponse>(await call(ProtoBridge.Reparse<TMicrosoftRequest>(request)).ConfigureAwait(false));

    public virtual Task<Empty> Hello(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public virtual Task<D.CreateInstanceResponse> StartInstance(D.CreateInstanceRequest request, ServerCallContext context) =>
        Relay<M.CreateInstanceRequest, M.CreateInstanceResponse, D.CreateInstanceResponse>(request, converted => backend.StartInstance(converted, context));

    public virtual Task<D.GetInstanceResponse> GetInstance(D.GetInstanceRequest request, ServerCallContext context) =>
        Relay<M.GetInstanceRequest, M.GetInstanceResponse, D.GetInstanceResponse>(request, converted => backend.GetInstance(converted, context));

    /// <summary>Polls every 20 ms; Microsoft's server polls every 500 ms.</summary>
    public virtual async Task<D.GetInstanceResponse> WaitForInstanceStart(D.GetInstanceRequest request, ServerCallContext context)
    {
        while (true)
        {
            var response = await GetInstance(request, context).ConfigureAwait(false);
            if (response.Exists && response.WorkflowState.WorkflowStatus != D.OrchestrationStatus.Pending)
            {
                return response;
            }

            await Task.Delay(StartPollInterval, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public virtual Task<D.GetInstanceResponse> WaitForInstanceCompletion(D.GetInstanceRequest request, ServerCallContext context) =>
        Relay<M.GetInstanceRequest, M.GetInstanceResponse, D.GetInstanceResponse>(request, converted => backend.WaitForInstanceCompletion(converted, context));

    public virtual Task<D.RaiseEventResponse> RaiseEvent(D.RaiseEventRequest request, ServerCallContext context) =>
        Relay<M.RaiseEventRequest, M.RaiseEventResponse, D.RaiseEventResponse>(request, converted => backend.RaiseEvent(converted, context));

    public virtual async Task<D.TerminateResponse> TerminateInstance(D.TerminateRequest request, ServerCallContext context)
    {
        var response = await backend.TerminateInstance(ProtoBridge.Reparse<M.TerminateRequest>(request), context).ConfigureAwait(false);
        patches.Forget(request.InstanceId);
        return ProtoBridge.Reparse<D.TerminateResponse>(response);
    }

    public virtual Task<D.SuspendResponse> SuspendInstance(D.SuspendRequest request, ServerCallContext context) =>
        Relay<M.SuspendRequest, M.SuspendResponse, D.SuspendResponse>(request, converted => backend.SuspendInstance(converted, context));

    public virtual Task<D.ResumeResponse> ResumeInstance(D.ResumeRequest request, ServerCallContext context) =>
        Relay<M.ResumeRequest, M.ResumeResponse, D.ResumeResponse>(request, converted => backend.ResumeInstance(converted, context));

    public virtual async Task<D.PurgeInstancesResponse> PurgeInstances(D.PurgeInstancesRequest request, ServerCallContext context)
    {
        var response = await backend.PurgeInstances(ProtoBridge.ToMicrosoft(request), context).ConfigureAwait(false);
        patches.Forget(request.InstanceId);
        return ProtoBridge.Reparse<D.PurgeInstancesResponse>(response);
    }

    public virtual async Task GetWorkItems(D.GetWorkItemsRequest request, IServerStreamWriter<D.WorkItem> responseStream, ServerCallContext context)
    {
        logger.WorkerConnected(context.Peer);
        // Dapr's capabilities (stateful history, health pings) have no Microsoft counterpart; none are asked for.
        var translatingStream = new DaprWorkItemWriter(responseStream, patches, executionIds, logger);
        await backend.GetWorkItems(new M.GetWorkItemsRequest(), translatingStream, context).ConfigureAwait(false);
        logger.WorkerDisconnected(context.Peer);
    }

    public virtual async Task<D.CompleteTaskResponse> CompleteActivityTask(D.ActivityResponse request, ServerCallContext context)
    {
        executionIds.Forget(request);
        await backend.CompleteActivityTask(ProtoBridge.Reparse<M.ActivityResponse>(request), context).ConfigureAwait(false);
        logger.ActivityCompleted(request.InstanceId, request.TaskId, request.FailureDetails is not null);
        return new D.CompleteTaskResponse();
    }

    public virtual async Task<D.CompleteTaskResponse> CompleteOrchestratorTask(D.WorkflowResponse request, ServerCallContext context)
    {
        M.OrchestratorResponse converted;
        try
        {
            converted = ProtoBridge.ToMicrosoft(request);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            logger.Unsupported(e.Status.Detail);
            throw;
        }

        // Remembered before the backend sees the turn: it may dispatch the next work item right away.
        patches.Remember(request);
        executionIds.Remember(request);
        await backend.CompleteOrchestratorTask(converted, context).ConfigureAwait(false);
        logger.TurnCompleted(request.InstanceId, request.Actions.Count);
        return new D.CompleteTaskResponse();
    }

    /// <summary>The newer name of <see cref="CompleteOrchestratorTask"/> in Dapr's proto.</summary>
    public virtual Task<D.CompleteTaskResponse> CompleteWorkflowTask(D.WorkflowResponse request, ServerCallContext context) =>
        CompleteOrchestratorTask(request, context);

    public virtual Task<D.RerunWorkflowFromEventResponse> RerunWorkflowFromEvent(D.RerunWorkflowFromEventRequest request, ServerCallContext context) =>
        throw Unsupported(nameof(RerunWorkflowFromEvent));

    public virtual Task<D.ListInstanceIDsResponse> ListInstanceIDs(D.ListInstanceIDsRequest request, ServerCallContext context) =>
        throw Unsupported(nameof(ListInstanceIDs));

    public virtual Task<D.GetInstanceHistoryResponse> GetInstanceHistory(D.GetInstanceHistoryRequest request, ServerCallContext context) =>
        throw Unsupported(nameof(GetInstanceHistory));

    private RpcException Unsupported(string rpc)
    {
        var error = UnsupportedByLocalSidecar.Error($"the workflow call '{rpc}'");
        logger.Unsupported(error.Status.Detail);
        return error;
    }

    private static void Unary<TRequest, TResponse>(ServiceBinderBase binder, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        binder.AddMethod(
            new Method<TRequest, TResponse>(MethodType.Unary, D.TaskHubSidecarService.Descriptor.FullName, name, Marshal<TRequest>(), Marshal<TResponse>()),
            (UnaryServerMethod<TRequest, TResponse>?)null);

    private static Marshaller<T> Marshal<T>()
        where T : class, IMessage<T>, new() =>
        Marshallers.Create(message => message.ToByteArray(), new MessageParser<T>(() => new T()).ParseFrom);
}
