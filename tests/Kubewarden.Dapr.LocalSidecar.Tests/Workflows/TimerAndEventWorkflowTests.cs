using System.Diagnostics;
using Dapr.Workflow;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

public sealed class TimerAndEventWorkflowTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task DurableTimers_FireInSequence()
    {
        var clock = Stopwatch.StartNew();

        var state = await fixture.RunAsync(nameof(TimerWorkflow), 3, WorkflowHostFixture.NewInstanceId("timers"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(3, state.ReadOutputAs<int>());
        Assert.True(clock.Elapsed >= 3 * TimerWorkflow.Interval, $"three timers took only {clock.Elapsed}");
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheTimeout_IsReceived()
    {
        var token = WorkflowHostFixture.Timeout();
        var instanceId = WorkflowHostFixture.NewInstanceId("approval");
        await fixture.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), instanceId, 30_000, startTime: null, token);

        await fixture.Client.RaiseEventAsync(instanceId, ApprovalWorkflow.EventName, "yes", token);
        var state = await fixture.Client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: true, token);

        Assert.Equal("approved:yes", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_NotRaised_TimesOut()
    {
        var state = await fixture.RunAsync(nameof(ApprovalWorkflow), 200, WorkflowHostFixture.NewInstanceId("no-approval"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("timed-out", state.ReadOutputAs<string>());
    }
}
