using System.Collections.Concurrent;
using Dapr.Workflow;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

public sealed class AddOneActivity : WorkflowActivity<int, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, int input) => Task.FromResult(input + 1);
}

public sealed class GreetActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) => Task.FromResult($"hello {input}");
}

public sealed class EchoActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) => Task.FromResult(input);
}

public sealed class ExecutionKeyActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) => Task.FromResult(context.TaskExecutionKey);
}

public sealed class AlwaysFailingActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) =>
        throw new InvalidOperationException("apiserver 503");
}

/// <summary>Counts attempts per key; shared through DI, so it also shows activities get constructor injection.</summary>
public sealed class AttemptCounter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Next(string key) => _attempts.AddOrUpdate(key, 1, (_, attempts) => attempts + 1);
}

/// <summary>Fails its first two attempts per input, then answers the attempt number.</summary>
public sealed class FlakyActivity(AttemptCounter counter) : WorkflowActivity<string, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, string input)
    {
        var attempt = counter.Next(input);
        return attempt <= 2 ? throw new InvalidOperationException($"attempt {attempt} failed") : Task.FromResult(attempt);
    }
}
