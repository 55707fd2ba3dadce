using Google.Protobuf;
using D = Dapr.DurableTask.Protobuf;
using M = Microsoft.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// Converts between Dapr's fork of the durable-task protos (<c>Dapr.DurableTask.Protobuf</c>) and Microsoft's
/// (<c>Microsoft.DurableTask.Protobuf</c>) by serialising one and parsing the bytes as the other. That works because all
/// field numbers agree except the clashing ones, which are cleared on a copy first (ProtoBridgeTests pins that list, so
/// an SDK upgrade that moves a field fails there).
/// </summary>
internal static class ProtoBridge
{
    /// <summary>For message pairs whose field numbers all mean the same thing in both forks.</summary>
    public static TTarget Reparse<TTarget>(IMessage source)
        where TTarget : IMessage<TTarget>, new()
    {
        var target = new TTarget();
        target.MergeFrom(source.ToByteString());
        return target;
    }

    public static M.PurgeInstancesRequest ToMicrosoft(D.PurgeInstancesRequest request)
    {
        var copy = request.Clone();
        copy.Force = false; // #4 is Microsoft's instanceBatch
        return Reparse<M.PurgeInstancesRequest>(copy);
    }

    public static M.OrchestratorResponse ToMicrosoft(D.WorkflowResponse response)
    {
        var copy = response.Clone();
        copy.Version = null; // #6 is Microsoft's orchestrationTraceContext
        foreach (var action in copy.Actions)
        {
            ClearForMicrosoft(action);
        }

        return Reparse<M.OrchestratorResponse>(copy);
    }

    /// <summary>Null for work items Dapr has no counterpart for (entities).</summary>
    public static D.WorkItem? ToDapr(M.WorkItem workItem) => workItem.RequestCase switch
    {
        M.WorkItem.RequestOneofCase.OrchestratorRequest =>
            new D.WorkItem { WorkflowRequest = ToDapr(workItem.OrchestratorRequest), CompletionToken = workItem.CompletionToken },
        M.WorkItem.RequestOneofCase.ActivityRequest =>
            new D.WorkItem { ActivityRequest = ToDapr(workItem.ActivityRequest), CompletionToken = workItem.CompletionToken },
        M.WorkItem.RequestOneofCase.HealthPing =>
            new D.WorkItem { HealthPing = new D.HealthPing(), CompletionToken = workItem.CompletionToken },
        _ => null,
    };

    public static D.WorkflowRequest ToDapr(M.OrchestratorRequest request)
    {
        var copy = request.Clone();
        copy.EntityParameters = null;
        copy.Properties.Clear(); // #7 is Dapr's router
        copy.OrchestrationTraceContext = null; // #8 is Dapr's propagatedHistory
        foreach (var historyEvent in copy.PastEvents.Concat(copy.NewEvents))
        {
            ClearForDapr(historyEvent);
        }

        var converted = Reparse<D.WorkflowRequest>(copy);
        RemoveEventsUnknownToDapr(converted.PastEvents);
        RemoveEventsUnknownToDapr(converted.NewEvents);
        return converted;
    }

    public static D.ActivityRequest ToDapr(M.ActivityRequest request)
    {
        var copy = request.Clone();
        copy.Tags.Clear(); // #7 is Dapr's taskExecutionId
        return Reparse<D.ActivityRequest>(copy);
    }

    private static void ClearForMicrosoft(D.WorkflowAction action)
    {
        action.Router = null; // #9 is Microsoft's rewindOrchestration (in the action oneof)
        switch (action.WorkflowActionTypeCase)
        {
            case D.WorkflowAction.WorkflowActionTypeOneofCase.ScheduleTask:
                action.ScheduleTask.Router = null; // #4 is Microsoft's tags
                action.ScheduleTask.TaskExecutionId = ""; // #5 is Microsoft's parentTraceContext
                action.ScheduleTask.HistoryPropagationScope = default;
                break;
            case D.WorkflowAction.WorkflowActionTypeOneofCase.CreateChildWorkflow:
                action.CreateChildWorkflow.Router = null; // #5 is Microsoft's parentTraceContext
                action.CreateChildWorkflow.HistoryPropagationScope = default; // #6 is Microsoft's tags
                break;
            case D.WorkflowAction.WorkflowActionTypeOneofCase.CreateTimer:
                action.CreateTimer.Name = "";
                action.CreateTimer.ClearOrigin();
                break;
            case D.WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow:
                foreach (var carryover in action.CompleteWorkflow.CarryoverEvents)
                {
                    ClearForMicrosoft(carryover);
                }

                break;
            case D.WorkflowAction.WorkflowActionTypeOneofCase.CreateDetachedWorkflow:
            case D.WorkflowAction.WorkflowActionTypeOneofCase.WorkflowVersionNotAvailable:
                throw UnsupportedByLocalSidecar.Error($"the workflow action '{action.WorkflowActionTypeCase}'");
        }
    }

    private static void ClearForMicrosoft(D.HistoryEvent historyEvent)
    {
        historyEvent.Router = null; // #30 is Microsoft's executionRewound
        switch (historyEvent.EventTypeCase)
        {
            case D.HistoryEvent.EventTypeOneofCase.TaskScheduled:
                historyEvent.TaskScheduled.TaskExecutionId = ""; // #5 is Microsoft's tags
                break;
            case D.HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceCreated:
                historyEvent.ChildWorkflowInstanceCreated.RerunParentInstanceInfo = null; // #6 is Microsoft's tags
                break;
            case D.HistoryEvent.EventTypeOneofCase.ExecutionStalled:
            case D.HistoryEvent.EventTypeOneofCase.DetachedWorkflowInstanceCreated:
                throw UnsupportedByLocalSidecar.Error($"the history event '{historyEvent.EventTypeCase}'");
        }
    }

    private static void ClearForDapr(M.HistoryEvent historyEvent)
    {
        switch (historyEvent.EventTypeCase)
        {
            case M.HistoryEvent.EventTypeOneofCase.ExecutionRewound:
                historyEvent.ExecutionRewound = null; // #30 is Dapr's router
                break;
            case M.HistoryEvent.EventTypeOneofCase.TaskScheduled:
                historyEvent.TaskScheduled.Tags.Clear(); // #5 is Dapr's taskExecutionId
                break;
            case M.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated:
                historyEvent.SubOrchestrationInstanceCreated.Tags.Clear(); // #6 is Dapr's rerunParentInstanceInfo
                break;
        }
    }

    /// <summary>Entity, generic and history-state events parse as events without a type; the worker has no use for them.</summary>
    private static void RemoveEventsUnknownToDapr(IList<D.HistoryEvent> events)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (events[i].EventTypeCase == D.HistoryEvent.EventTypeOneofCase.None)
            {
                events.RemoveAt(i);
            }
        }
    }
}
