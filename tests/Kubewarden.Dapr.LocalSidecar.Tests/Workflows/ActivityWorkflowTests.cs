using System.Diagnostics;
using Dapr.Workflow;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

public sealed class ActivityWorkflowTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task ThreeActivities_CompleteAndTheOutputReadsBack()
    {
        var state = await fixture.RunAsync(nameof(PipelineWorkflow), 1, WorkflowHostFixture.NewInstanceId("pipeline"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(new PipelineResult(3, "hello n3"), state.ReadOutputAs<PipelineResult>());
    }

    [Fact]
    public async Task RetryPolicy_RetriesAnActivityThatFailsTwice()
    {
        var instanceId = WorkflowHostFixture.NewInstanceId("retry");

        var state = await fixture.RunAsync(nameof(RetryWorkflow), instanceId, instanceId);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(3, state.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ActivityThatAlwaysFails_FailsTheWorkflowWithItsDetails()
    {
        var state = await fixture.RunAsync(nameof(FailingWorkflow), "x", WorkflowHostFixture.NewInstanceId("failing"));

        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.NotNull(state.FailureDetails);
        Assert.Equal(typeof(WorkflowTaskFailedException).FullName, state.FailureDetails.ErrorType);
        Assert.Contains("apiserver 503", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildWorkflows_FanOutAndIn()
    {
        var state = await fixture.RunAsync(nameof(FanOutWorkflow), 5, WorkflowHostFixture.NewInstanceId("fan-out"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(1 + 4 + 9 + 16 + 25, state.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Activities_GetTheTaskExecutionIdTheWorkerScheduledThemWith()
    {
        var state = await fixture.RunAsync(nameof(ExecutionKeyWorkflow), "x", WorkflowHostFixture.NewInstanceId("execution-key"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Matches("^[0-9a-f]{32}$", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FiftyConcurrentWorkflows_AllCompleteQuickly()
    {
        var clock = Stopwatch.StartNew();

        var states = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            fixture.RunAsync(nameof(PipelineWorkflow), i, WorkflowHostFixture.NewInstanceId($"concurrent-{i}"))));

        Assert.All(states, state => Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i + 2), states.Select(state => state.ReadOutputAs<PipelineResult>()!.Count));
        // Without the concurrency proxy the backend takes two work items at a time and polls every 500 ms: tens of seconds.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }
}
