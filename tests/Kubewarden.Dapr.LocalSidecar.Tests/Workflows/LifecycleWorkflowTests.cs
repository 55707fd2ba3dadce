using Dapr.Workflow;
using Grpc.Core;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

public sealed class LifecycleWorkflowTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task SuspendedWorkflow_HoldsItsEventsUntilResumed()
    {
        var token = WorkflowHostFixture.Timeout();
        var instanceId = WorkflowHostFixture.NewInstanceId("suspend");
        await fixture.Client.ScheduleNewWorkflowAsync(nameof(GateWorkflow), instanceId, "gate", startTime: null, token);
        await fixture.Client.WaitForWorkflowStartAsync(instanceId, cancellation: token);

        await fixture.Client.SuspendWorkflowAsync(instanceId, "maintenance", token);
        await WaitForStatusAsync(instanceId, WorkflowRuntimeStatus.Suspended, token);
        await fixture.Client.RaiseEventAsync(instanceId, GateWorkflow.EventName, "open", token);
        await Task.Delay(200, token);
        var whileSuspended = await fixture.Client.GetWorkflowStateAsync(instanceId, cancellation: token);
        await fixture.Client.ResumeWorkflowAsync(instanceId, "done", token);
        var state = await fixture.Client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: true, token);

        Assert.Equal(WorkflowRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("gate:open", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminatedWorkflow_CanBePurgedAndThenNoLongerExists()
    {
        var token = WorkflowHostFixture.Timeout();
        var instanceId = WorkflowHostFixture.NewInstanceId("terminate");
        await fixture.Client.ScheduleNewWorkflowAsync(nameof(GateWorkflow), instanceId, "gate", startTime: null, token);
        await fixture.Client.WaitForWorkflowStartAsync(instanceId, cancellation: token);

        await fixture.Client.TerminateWorkflowAsync(instanceId, "stopped", token);
        var terminated = await fixture.Client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: true, token);
        var purged = await fixture.Client.PurgeInstanceAsync(instanceId, token);
        var afterPurge = await fixture.Client.GetWorkflowStateAsync(instanceId, cancellation: token);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.True(purged);
        Assert.False(afterPurge?.Exists ?? false);
    }

    [Fact]
    public async Task IsPatched_AnswersTheSameOnReplay()
    {
        var state = await fixture.RunAsync(nameof(PatchedWorkflow), "x", WorkflowHostFixture.NewInstanceId("patched"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("v2,step2,v2-again", state.ReadOutputAs<string>());
    }

    public static TheoryData<string> UnsupportedCalls => ["ListInstanceIDs", "GetInstanceHistory", "RerunWorkflowFromEvent"];

    [Theory]
    [MemberData(nameof(UnsupportedCalls))]
    public async Task UnsupportedCall_AnswersUnimplementedAndPointsToDaprd(string rpc)
    {
        var token = WorkflowHostFixture.Timeout();
        Func<Task> call = rpc switch
        {
            "ListInstanceIDs" => () => fixture.Client.ListInstanceIdsAsync(cancellation: token),
            "GetInstanceHistory" => () => fixture.Client.GetInstanceHistoryAsync("any", token),
            _ => () => fixture.Client.RerunWorkflowFromEventAsync("any", 0, cancellation: token),
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(call);

        var rpcError = FindRpcException(error);
        Assert.Equal(StatusCode.Unimplemented, rpcError.StatusCode);
        Assert.Contains("local Dapr sidecar does not support", rpcError.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(rpc, rpcError.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("daprd", rpcError.Status.Detail, StringComparison.Ordinal);
    }

    private static RpcException FindRpcException(Exception error) => error switch
    {
        RpcException rpc => rpc,
        { InnerException: { } inner } => FindRpcException(inner),
        _ => throw new Xunit.Sdk.XunitException($"No RpcException in {error}"),
    };

    private async Task WaitForStatusAsync(string instanceId, WorkflowRuntimeStatus status, CancellationToken token)
    {
        while ((await fixture.Client.GetWorkflowStateAsync(instanceId, cancellation: token))?.RuntimeStatus != status)
        {
            await Task.Delay(20, token);
        }
    }
}
