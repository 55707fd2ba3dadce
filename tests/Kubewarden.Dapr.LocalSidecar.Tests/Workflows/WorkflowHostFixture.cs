using Dapr.Workflow;
using Kubewarden.Hosting.Dapr;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

/// <summary>
/// A host running the real Dapr.Workflow worker, wired as services wire it (<c>UseDaprSidecarAsync</c>, which starts the
/// embedded local sidecar here, and <c>AddKubewardenWorkflows</c>), shared by one test class.
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggerFactory _sidecarLogs = LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
    private IHost? _host;

    public DaprWorkflowClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        // The sidecar listens before the host is built, so the worker finds it at once (it retries only after 5 s).
        Assert.Equal(DaprSidecarMode.Embedded, await builder.UseDaprSidecarAsync(_sidecarLogs, TestContext.Current.CancellationToken));
        builder.Services.AddSingleton<AttemptCounter>();
        // Explicit registration: the Dapr source generator's module initializer may not have run yet.
        builder.Services.AddKubewardenWorkflows(options =>
        {
            options.RegisterWorkflow<PipelineWorkflow>();
            options.RegisterWorkflow<RetryWorkflow>();
            options.RegisterWorkflow<FailingWorkflow>();
            options.RegisterWorkflow<TimerWorkflow>();
            options.RegisterWorkflow<ApprovalWorkflow>();
            options.RegisterWorkflow<GateWorkflow>();
            options.RegisterWorkflow<SquareWorkflow>();
            options.RegisterWorkflow<FanOutWorkflow>();
            options.RegisterWorkflow<PatchedWorkflow>();
            options.RegisterWorkflow<ExecutionKeyWorkflow>();
            options.RegisterActivity<AddOneActivity>();
            options.RegisterActivity<GreetActivity>();
            options.RegisterActivity<EchoActivity>();
            options.RegisterActivity<ExecutionKeyActivity>();
            options.RegisterActivity<AlwaysFailingActivity>();
            options.RegisterActivity<FlakyActivity>();
        });
        _host = builder.Build();
        await _host.StartAsync();
        Client = _host.Services.GetRequiredService<DaprWorkflowClient>();
    }

    /// <summary>A token for one test's client calls: the Wait* calls have no timeout of their own.</summary>
    public static CancellationToken Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(CallTimeout);
        return source.Token;
    }

    /// <summary>An instance id no other test uses.</summary>
    public static string NewInstanceId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public async Task<WorkflowState> RunAsync(string workflowName, object? input, string instanceId)
    {
        var token = Timeout();
        await Client.ScheduleNewWorkflowAsync(workflowName, instanceId, input, startTime: null, token);
        return await Client.WaitForWorkflowCompletionAsync(instanceId, getInputsAndOutputs: true, token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _sidecarLogs.Dispose();
    }
}
