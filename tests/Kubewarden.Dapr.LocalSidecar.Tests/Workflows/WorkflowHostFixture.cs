using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.Tests.Workflows;

/// <summary>A local sidecar and a host running the real Dapr.Workflow worker against it, shared by one test class.</summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggerFactory _sidecarLogs = LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
    private LocalDaprSidecar? _sidecar;
    private IHost? _host;

    public DaprWorkflowClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // The sidecar listens before the worker starts: a worker that finds no sidecar retries only after 5 s.
        _sidecar = await LocalDaprSidecar.StartAsync(new LocalDaprSidecarOptions(), _sidecarLogs);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = _sidecar.Endpoint.ToString();
        builder.Services.AddSingleton<AttemptCounter>();
        // Explicit registration: the Dapr source generator's module initializer may not have run yet.
        builder.Services.AddDaprWorkflow(options =>
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

        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        _sidecarLogs.Dispose();
    }
}
