using Dapr.Workflow;
using Kubewarden.Workflows.Testing;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

/// <summary>The same workflows as the sidecar tests, run directly on <see cref="FakeWorkflowContext"/>.</summary>
public sealed class FakeContextWorkflowTests
{
    [Fact]
    public async Task Activities_AnswerFromTheMapAndRealActivityObjects()
    {
        var context = new FakeWorkflowContext()
            .UseActivity(new AddOneActivity())
            .OnActivity<string, string>(nameof(GreetActivity), name => $"hi {name}");

        var result = await new PipelineWorkflow().RunAsync(context, 1);

        Assert.Equal(new PipelineResult(3, "hi n3"), result);
        Assert.Equal([nameof(AddOneActivity), nameof(AddOneActivity), nameof(GreetActivity)], context.Calls.Select(call => call.Name));
        Assert.Equal("2", context.Calls[1].InputJson);
    }

    [Fact]
    public async Task RetryPolicy_RetriesOnTheVirtualClock()
    {
        var failures = 0;
        var context = new FakeWorkflowContext().OnActivity<string, int>(nameof(FlakyActivity), _ =>
            ++failures <= 2 ? throw new InvalidOperationException("not yet") : failures);
        var started = context.VirtualUtcNow;

        var result = await new RetryWorkflow().RunAsync(context, "key");

        Assert.Equal(3, result);
        Assert.Equal([1, 2, 3], context.Calls.Select(call => call.Attempt));
        Assert.Equal(2 * RetryWorkflow.Policy.FirstRetryInterval, context.VirtualUtcNow - started);
    }

    [Fact]
    public async Task FailingActivity_SurfacesAsWorkflowTaskFailedException()
    {
        var context = new FakeWorkflowContext().UseActivity(new AlwaysFailingActivity());

        var error = await Assert.ThrowsAsync<WorkflowTaskFailedException>(() => new FailingWorkflow().RunAsync(context, "x"));

        Assert.Equal(typeof(InvalidOperationException).FullName, error.FailureDetails.ErrorType);
        Assert.Equal("apiserver 503", error.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Timers_AdvanceTheVirtualClockOnly()
    {
        var context = new FakeWorkflowContext();
        var started = context.VirtualUtcNow;

        var result = await new TimerWorkflow().RunAsync(context, 3);

        Assert.Equal(3, result);
        Assert.Equal(3 * TimerWorkflow.Interval, context.VirtualUtcNow - started);
    }

    [Fact]
    public async Task ExternalEvent_QueuedBeforeTheWait_IsDelivered()
    {
        var context = new FakeWorkflowContext().RaiseEvent(ApprovalWorkflow.EventName, "yes");

        Assert.Equal("approved:yes", await new ApprovalWorkflow().RunAsync(context, 60_000));
    }

    [Fact]
    public async Task ExternalEvent_RaisedWhileWaiting_IsDelivered()
    {
        var context = new FakeWorkflowContext();

        var run = new GateWorkflow().RunAsync(context, "gate");
        context.RaiseEvent(GateWorkflow.EventName, "open");

        Assert.Equal("gate:open", await run);
    }

    [Fact]
    public async Task ExternalEvent_NotRaised_TimesOut()
    {
        var context = new FakeWorkflowContext();

        Assert.Equal("timed-out", await new ApprovalWorkflow().RunAsync(context, 200));
    }

    [Fact]
    public async Task IsPatched_IsConfigurable()
    {
        var context = new FakeWorkflowContext()
            .SetPatched(PatchedWorkflow.Patch, false)
            .OnActivity<string, string>(nameof(EchoActivity), input => input);

        Assert.Equal("v1,step2,v1-again", await new PatchedWorkflow().RunAsync(context, "x"));
    }

    [Fact]
    public async Task ChildWorkflows_AnswerFromTheMap()
    {
        var context = new FakeWorkflowContext().OnChildWorkflow<int, int>(nameof(SquareWorkflow), i => i * i);

        Assert.Equal(14, await new FanOutWorkflow().RunAsync(context, 3));
    }
}
