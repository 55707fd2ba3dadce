using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Kubewarden.Dapr.LocalSidecar.Workflows;
using D = Dapr.DurableTask.Protobuf;
using M = Microsoft.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

/// <summary>
/// Guards the byte re-parse between Dapr's and Microsoft's proto forks: run on every Dapr.Workflow or
/// Microsoft.DurableTask upgrade. A failure means a field number moved or a new clash appeared, and ProtoBridge must
/// learn to clear it.
/// </summary>
public sealed class ProtoBridgeTests
{
    /// <summary>The clashes ProtoBridge clears, as Dapr message.field #number.</summary>
    private static readonly string[] KnownClashes =
    [
        "WorkflowResponse.version #6",
        "WorkflowAction.router #9",
        "ScheduleTaskAction.router #4",
        "ScheduleTaskAction.taskExecutionId #5",
        "CreateChildWorkflowAction.router #5",
        "CreateChildWorkflowAction.historyPropagationScope #6",
        "HistoryEvent.router #30",
        "TaskScheduledEvent.taskExecutionId #5",
        "ChildWorkflowInstanceCreatedEvent.rerunParentInstanceInfo #6",
        "WorkflowRequest.router #7",
        "WorkflowRequest.propagatedHistory #8",
        "ActivityRequest.taskExecutionId #7",
        "PurgeInstancesRequest.force #4",
    ];

    /// <summary>Every message pair ProtoBridge re-parses, with the nested messages they reach.</summary>
    private static readonly (MessageDescriptor Dapr, MessageDescriptor Microsoft)[] ReparsedPairs =
    [
        (D.WorkflowResponse.Descriptor, M.OrchestratorResponse.Descriptor),
        (D.WorkflowRequest.Descriptor, M.OrchestratorRequest.Descriptor),
        (D.ActivityRequest.Descriptor, M.ActivityRequest.Descriptor),
        (D.ActivityResponse.Descriptor, M.ActivityResponse.Descriptor),
        (D.CreateInstanceRequest.Descriptor, M.CreateInstanceRequest.Descriptor),
        (D.CreateInstanceResponse.Descriptor, M.CreateInstanceResponse.Descriptor),
        (D.GetInstanceRequest.Descriptor, M.GetInstanceRequest.Descriptor),
        (D.GetInstanceResponse.Descriptor, M.GetInstanceResponse.Descriptor),
        (D.RaiseEventRequest.Descriptor, M.RaiseEventRequest.Descriptor),
        (D.TerminateRequest.Descriptor, M.TerminateRequest.Descriptor),
        (D.SuspendRequest.Descriptor, M.SuspendRequest.Descriptor),
        (D.ResumeRequest.Descriptor, M.ResumeRequest.Descriptor),
        (D.PurgeInstancesRequest.Descriptor, M.PurgeInstancesRequest.Descriptor),
        (D.PurgeInstancesResponse.Descriptor, M.PurgeInstancesResponse.Descriptor),
    ];

    [Fact]
    public void FieldNumbers_ClashExactlyWhereProtoBridgeClearsThem()
    {
        var clashes = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<(string, string)>();
        foreach (var (dapr, microsoft) in ReparsedPairs)
        {
            CollectClashes(dapr, microsoft, clashes, visited);
        }

        Assert.Equal(KnownClashes.Order(StringComparer.Ordinal), clashes);
    }

    [Fact]
    public void ClashingFields_KeepTheirDescriptorNumbers()
    {
        Assert.Equal(6, D.WorkflowResponse.Descriptor.FindFieldByName("version").FieldNumber);
        Assert.Equal(9, D.WorkflowAction.Descriptor.FindFieldByName("router").FieldNumber);
        Assert.Equal(4, D.ScheduleTaskAction.Descriptor.FindFieldByName("router").FieldNumber);
        Assert.Equal(5, D.ScheduleTaskAction.Descriptor.FindFieldByName("taskExecutionId").FieldNumber);
        Assert.Equal(5, D.CreateChildWorkflowAction.Descriptor.FindFieldByName("router").FieldNumber);
        Assert.Equal(6, D.CreateChildWorkflowAction.Descriptor.FindFieldByName("historyPropagationScope").FieldNumber);
        Assert.Equal(30, D.HistoryEvent.Descriptor.FindFieldByName("router").FieldNumber);
        Assert.Equal(5, D.TaskScheduledEvent.Descriptor.FindFieldByName("taskExecutionId").FieldNumber);
        Assert.Equal(6, D.ChildWorkflowInstanceCreatedEvent.Descriptor.FindFieldByName("rerunParentInstanceInfo").FieldNumber);
        Assert.Equal(7, D.WorkflowRequest.Descriptor.FindFieldByName("router").FieldNumber);
        Assert.Equal(8, D.WorkflowRequest.Descriptor.FindFieldByName("propagatedHistory").FieldNumber);
        Assert.Equal(7, D.ActivityRequest.Descriptor.FindFieldByName("taskExecutionId").FieldNumber);
        Assert.Equal(4, D.PurgeInstancesRequest.Descriptor.FindFieldByName("force").FieldNumber);
        Assert.Equal(6, D.WorkItem.Descriptor.FindFieldByName("healthPing").FieldNumber);
        Assert.Equal(4, M.WorkItem.Descriptor.FindFieldByName("healthPing").FieldNumber);
        Assert.Equal(10, D.WorkItem.Descriptor.FindFieldByName("completionToken").FieldNumber);
        Assert.Equal(10, M.WorkItem.Descriptor.FindFieldByName("completionToken").FieldNumber);
    }

    [Fact]
    public void WorkflowResponse_KeepsWhatTheBackendNeeds_AndClearsTheClashes()
    {
        var response = NewWorkflowResponse();

        var converted = ProtoBridge.ToMicrosoft(response);

        Assert.Equal("wf-1", converted.InstanceId);
        Assert.Equal("\"busy\"", converted.CustomStatus);
        Assert.Equal("token-1", converted.CompletionToken);
        Assert.Null(converted.OrchestrationTraceContext);
        Assert.Equal(4, converted.Actions.Count);

        var schedule = converted.Actions[0];
        Assert.Equal(M.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask, schedule.OrchestratorActionTypeCase);
        Assert.Equal(1, schedule.Id);
        Assert.Equal("ApplyActivity", schedule.ScheduleTask.Name);
        Assert.Equal("{\"n\":1}", schedule.ScheduleTask.Input);
        Assert.Empty(schedule.ScheduleTask.Tags);
        Assert.Null(schedule.ScheduleTask.ParentTraceContext);

        var child = converted.Actions[1].CreateSubOrchestration;
        Assert.Equal(("child-1", "ChildWorkflow", "2"), (child.InstanceId, child.Name, child.Input));
        Assert.Null(child.ParentTraceContext);
        Assert.Empty(child.Tags);

        Assert.Equal(Timestamp.FromDateTime(FireAt), converted.Actions[2].CreateTimer.FireAt);

        var complete = converted.Actions[3].CompleteOrchestration;
        Assert.Equal(M.OrchestrationStatus.Completed, complete.OrchestrationStatus);
        Assert.Equal("\"done\"", complete.Result);
        var carryover = Assert.Single(complete.CarryoverEvents);
        Assert.Equal(M.HistoryEvent.EventTypeOneofCase.EventRaised, carryover.EventTypeCase);
        Assert.Equal("approval", carryover.EventRaised.Name);

        var back = ProtoBridge.Reparse<D.WorkflowResponse>(converted);
        Assert.Null(back.Version);
        Assert.All(back.Actions, action => Assert.Null(action.Router));
        Assert.Equal("", back.Actions[0].ScheduleTask.TaskExecutionId);
        Assert.Null(back.Actions[0].ScheduleTask.Router);
        Assert.Equal("ApplyActivity", back.Actions[0].ScheduleTask.Name);
        Assert.Null(back.Actions[1].CreateChildWorkflow.Router);
        Assert.Null(back.Actions[3].CompleteWorkflow.CarryoverEvents[0].Router);
    }

    [Fact]
    public void WorkflowResponse_ConversionLeavesTheOriginalIntact()
    {
        var response = NewWorkflowResponse();

        _ = ProtoBridge.ToMicrosoft(response);

        Assert.Equal(["v2", "v3"], response.Version.Patches);
        Assert.Equal(new string('a', 32), response.Actions[0].ScheduleTask.TaskExecutionId);
        Assert.NotNull(response.Actions[0].Router);
    }

    [Fact]
    public void UnsupportedAction_AnswersUnimplemented()
    {
        var response = new D.WorkflowResponse
        {
            InstanceId = "wf-1",
            Actions = { new D.WorkflowAction { Id = 1, CreateDetachedWorkflow = new D.CreateDetachedWorkflowAction { Name = "Detached" } } },
        };

        var error = Assert.Throws<RpcException>(() => ProtoBridge.ToMicrosoft(response));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("local Dapr sidecar does not support", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OrchestratorWorkItem_ReachesTheWorkerWithoutTheClashingFields()
    {
        var workItem = new M.WorkItem
        {
            CompletionToken = "token-2",
            OrchestratorRequest = new M.OrchestratorRequest
            {
                InstanceId = "wf-1",
                ExecutionId = "exec-1",
                Properties = { ["key"] = Value.ForString("value") },
                OrchestrationTraceContext = new M.OrchestrationTraceContext { SpanID = "span" },
                PastEvents =
                {
                    new M.HistoryEvent { EventId = -1, OrchestratorStarted = new M.OrchestratorStartedEvent() },
                    new M.HistoryEvent { EventId = -1, ExecutionStarted = new M.ExecutionStartedEvent { Name = "ReconcileWorkflow", Input = "1" } },
                    new M.HistoryEvent { EventId = 0, TaskScheduled = new M.TaskScheduledEvent { Name = "ApplyActivity", Tags = { ["a"] = "b" } } },
                    new M.HistoryEvent { EventId = 1, SubOrchestrationInstanceCreated = new M.SubOrchestrationInstanceCreatedEvent { InstanceId = "child-1", Tags = { ["a"] = "b" } } },
                    new M.HistoryEvent { EventId = 2, GenericEvent = new M.GenericEvent { Data = "ignored" } },
                },
                NewEvents = { new M.HistoryEvent { EventId = -1, TaskCompleted = new M.TaskCompletedEvent { TaskScheduledId = 0, Result = "\"ok\"" } } },
            },
        };

        var converted = ProtoBridge.ToDapr(workItem)!;

        Assert.Equal("token-2", converted.CompletionToken);
        var request = converted.WorkflowRequest;
        Assert.Equal(("wf-1", "exec-1"), (request.InstanceId, request.ExecutionId));
        Assert.Null(request.Router);
        Assert.Null(request.PropagatedHistory);
        Assert.Equal(4, request.PastEvents.Count);
        Assert.NotNull(request.PastEvents[0].WorkflowStarted);
        Assert.Equal("ReconcileWorkflow", request.PastEvents[1].ExecutionStarted.Name);
        Assert.Equal("ApplyActivity", request.PastEvents[2].TaskScheduled.Name);
        Assert.Equal("", request.PastEvents[2].TaskScheduled.TaskExecutionId);
        Assert.Null(request.PastEvents[3].ChildWorkflowInstanceCreated.RerunParentInstanceInfo);
        Assert.Equal("\"ok\"", Assert.Single(request.NewEvents).TaskCompleted.Result);
    }

    [Fact]
    public void ActivityAndHealthPingWorkItems_Translate_AndEntityWorkItemsAreDropped()
    {
        var activity = ProtoBridge.ToDapr(new M.WorkItem
        {
            ActivityRequest = new M.ActivityRequest
            {
                Name = "ApplyActivity",
                TaskId = 3,
                Input = "1",
                OrchestrationInstance = new M.OrchestrationInstance { InstanceId = "wf-1" },
                Tags = { ["a"] = "b" },
            },
        })!.ActivityRequest;
        var ping = ProtoBridge.ToDapr(new M.WorkItem { HealthPing = new M.HealthPing() });
        var entity = ProtoBridge.ToDapr(new M.WorkItem { EntityRequest = new M.EntityBatchRequest { InstanceId = "@e@1" } });

        Assert.Equal(("ApplyActivity", 3, "1", "wf-1"), (activity.Name, activity.TaskId, (string?)activity.Input, activity.WorkflowInstance.InstanceId));
        Assert.Equal("", activity.TaskExecutionId);
        Assert.Equal(D.WorkItem.RequestOneofCase.HealthPing, ping!.RequestCase);
        Assert.Null(entity);
    }

    [Fact]
    public void PurgeRequest_DropsForce()
    {
        var converted = ProtoBridge.ToMicrosoft(new D.PurgeInstancesRequest { InstanceId = "wf-1", Recursive = true, Force = true });

        Assert.Equal(M.PurgeInstancesRequest.RequestOneofCase.InstanceId, converted.RequestCase);
        Assert.Equal("wf-1", converted.InstanceId);
        Assert.True(converted.Recursive);
        Assert.Null(converted.InstanceBatch);
    }

    private static readonly DateTime FireAt = new(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static D.WorkflowResponse NewWorkflowResponse()
    {
        var router = new D.TaskRouter { SourceAppID = "app-a", TargetAppID = "app-b", TargetAppNamespace = "ns" };
        return new D.WorkflowResponse
        {
            InstanceId = "wf-1",
            CustomStatus = "\"busy\"",
            CompletionToken = "token-1",
            Version = new D.WorkflowVersion { Name = "ReconcileWorkflow", Patches = { "v2", "v3" } },
            Actions =
            {
                new D.WorkflowAction
                {
                    Id = 1,
                    Router = router,
                    ScheduleTask = new D.ScheduleTaskAction
                    {
                        Name = "ApplyActivity",
                        Input = "{\"n\":1}",
                        TaskExecutionId = new string('a', 32),
                        Router = router,
                        HistoryPropagationScope = D.HistoryPropagationScope.OwnHistory,
                    },
                },
                new D.WorkflowAction
                {
                    Id = 2,
                    Router = router,
                    CreateChildWorkflow = new D.CreateChildWorkflowAction
                    {
                        InstanceId = "child-1",
                        Name = "ChildWorkflow",
                        Input = "2",
                        Router = router,
                        HistoryPropagationScope = D.HistoryPropagationScope.Lineage,
                    },
                },
                new D.WorkflowAction
                {
                    Id = 3,
                    CreateTimer = new D.CreateTimerAction
                    {
                        FireAt = Timestamp.FromDateTime(FireAt),
                        Name = "wait",
                        CreateTimer = new D.TimerOriginCreateTimer(),
                    },
                },
                new D.WorkflowAction
                {
                    Id = 4,
                    CompleteWorkflow = new D.CompleteWorkflowAction
                    {
                        WorkflowStatus = D.OrchestrationStatus.Completed,
                        Result = "\"done\"",
                        CarryoverEvents = { new D.HistoryEvent { EventId = -1, Router = router, EventRaised = new D.EventRaisedEvent { Name = "approval" } } },
                    },
                },
            },
        };
    }

    /// <summary>
    /// A clash is a field number both messages use for different things: another type, or another name once Dapr's
    /// renames (workflow for orchestration/orchestrator, child workflow for sub-orchestration) are undone. Fields with
    /// the same meaning are followed into their messages.
    /// </summary>
    private static void CollectClashes(MessageDescriptor dapr, MessageDescriptor microsoft, SortedSet<string> clashes, HashSet<(string, string)> visited)
    {
        if (!visited.Add((dapr.FullName, microsoft.FullName)))
        {
            return;
        }

        foreach (var daprField in dapr.Fields.InFieldNumberOrder())
        {
            var microsoftField = microsoft.FindFieldByNumber(daprField.FieldNumber);
            if (microsoftField is null)
            {
                continue;
            }

            if (!SameMeaning(daprField, microsoftField))
            {
                clashes.Add($"{dapr.Name}.{daprField.Name} #{daprField.FieldNumber}");
            }
            else if (daprField.FieldType == FieldType.Message && !daprField.IsMap)
            {
                CollectClashes(daprField.MessageType, microsoftField.MessageType, clashes, visited);
            }
        }
    }

    private static bool SameMeaning(FieldDescriptor dapr, FieldDescriptor microsoft) =>
        dapr.FieldType == microsoft.FieldType
        && dapr.IsRepeated == microsoft.IsRepeated
        && dapr.IsMap == microsoft.IsMap
        && string.Equals(Unrenamed(dapr.Name), Unrenamed(microsoft.Name), StringComparison.Ordinal);

    private static string Unrenamed(string fieldName) => fieldName.ToUpperInvariant()
        .Replace("CHILDWORKFLOW", "SUBORCHESTRATION", StringComparison.Ordinal)
        .Replace("ORCHESTRATION", "WORKFLOW", StringComparison.Ordinal)
        .Replace("ORCHESTRATOR", "WORKFLOW", StringComparison.Ordinal);
}
