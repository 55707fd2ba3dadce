using Dapr.Workflow;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

public sealed record PipelineResult(int Count, string Greeting);

/// <summary>Three activities in sequence.</summary>
public sealed class PipelineWorkflow : Workflow<int, PipelineResult>
{
    public override async Task<PipelineResult> RunAsync(WorkflowContext context, int input)
    {
        var once = await context.CallActivityAsync<int>(nameof(AddOneActivity), input);
        var twice = await context.CallActivityAsync<int>(nameof(AddOneActivity), once);
        var greeting = await context.CallActivityAsync<string>(nameof(GreetActivity), $"n{twice}");
        return new PipelineResult(twice, greeting);
    }
}

public sealed class RetryWorkflow : Workflow<string, int>
{
    public static readonly WorkflowRetryPolicy Policy = new(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(50));

    public override Task<int> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<int>(nameof(FlakyActivity), input, new WorkflowTaskOptions(Policy));
}

public sealed class FailingWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<string>(nameof(AlwaysFailingActivity), input);
}

/// <summary>Waits <c>input</c> durable timers of 100 ms each.</summary>
public sealed class TimerWorkflow : Workflow<int, int>
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public override async Task<int> RunAsync(WorkflowContext context, int input)
    {
        for (var i = 0; i < input; i++)
        {
            await context.CreateTimer(Interval);
        }

        return input;
    }
}

/// <summary>Waits for the <c>approval</c> event for <c>input</c> milliseconds.</summary>
public sealed class ApprovalWorkflow : Workflow<int, string>
{
    public const string EventName = "approval";

    public override async Task<string> RunAsync(WorkflowContext context, int input)
    {
        try
        {
            var answer = await context.WaitForExternalEventAsync<string>(EventName, TimeSpan.FromMilliseconds(input));
            return $"approved:{answer}";
        }
        catch (TaskCanceledException)
        {
            return "timed-out";
        }
    }
}

/// <summary>Waits for the <c>go</c> event without a timeout.</summary>
public sealed class GateWorkflow : Workflow<string, string>
{
    public const string EventName = "go";

    public override async Task<string> RunAsync(WorkflowContext context, string input) =>
        $"{input}:{await context.WaitForExternalEventAsync<string>(EventName)}";
}

public sealed class SquareWorkflow : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowContext context, int input) => Task.FromResult(input * input);
}

/// <summary>Sums the squares of 1..input, one child workflow each, all in parallel.</summary>
public sealed class FanOutWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int input)
    {
        var children = Enumerable.Range(1, input).Select(i =>
            context.CallChildWorkflowAsync<int>(nameof(SquareWorkflow), i, new ChildWorkflowTaskOptions($"{context.InstanceId}-child-{i}")));
        return (await Task.WhenAll(children)).Sum();
    }
}

/// <summary>Asks for the same patch before and after an activity: both answers must agree across replays.</summary>
public sealed class PatchedWorkflow : Workflow<string, string>
{
    public const string Patch = "v2";

    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var first = context.IsPatched(Patch) ? "v2" : "v1";
        var step = await context.CallActivityAsync<string>(nameof(EchoActivity), "step2");
        var again = context.IsPatched(Patch) ? "v2-again" : "v1-again";
        return $"{first},{step},{again}";
    }
}

public sealed class ExecutionKeyWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) =>
        context.CallActivityAsync<string>(nameof(ExecutionKeyActivity), input);
}
