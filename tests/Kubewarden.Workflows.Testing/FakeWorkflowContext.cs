using System.Globalization;
using System.Text.Json;
using Dapr.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Workflows.Testing;

/// <summary>
/// A <see cref="WorkflowContext"/> for unit tests that call a workflow's <c>RunAsync</c> directly. Activities and child
/// workflows are answered by registered functions, with inputs and results taking a JSON round trip as on the wire; retry
/// policies are honoured and exhausted retries surface as <see cref="WorkflowTaskFailedException"/>, as in the runtime;
/// timers only advance a virtual clock; external events are queued until the workflow waits for them.
/// It cannot catch replay or determinism bugs: run those workflows against the local sidecar.
/// </summary>
public sealed class FakeWorkflowContext(string name = "FakeWorkflow", string instanceId = "fake-instance", DateTime? startUtc = null) : WorkflowContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Func<FakeTaskCall, Task<string?>>> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<FakeTaskCall, Task<string?>>> _childWorkflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _patches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string?>> _raisedEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action<string?>>> _eventWaiters = new(StringComparer.Ordinal);
    private readonly List<FakeTaskCall> _calls = [];
    private readonly List<(string InstanceId, string EventName, object? Payload)> _sentEvents = [];
    private int _guidCounter;
    private int _taskCounter;

    /// <inheritdoc />
    public override string Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;

    /// <inheritdoc />
    public override DateTime CurrentUtcDateTime => VirtualUtcNow;

    /// <summary>Always false: the fake runs a workflow once, as on its first execution.</summary>
    public override bool IsReplaying => false;

    /// <summary>The virtual clock; timers and retry delays move it forward.</summary>
    public DateTime VirtualUtcNow { get; private set; } = startUtc ?? new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Every activity and child-workflow attempt, in order.</summary>
    public IReadOnlyList<FakeTaskCall> Calls => _calls;

    /// <summary>Events the workflow sent with <see cref="SendEvent"/>.</summary>
    public IReadOnlyList<(string InstanceId, string EventName, object? Payload)> SentEvents => _sentEvents;

    /// <summary>The last custom status the workflow set.</summary>
    public object? CustomStatus { get; private set; }

    /// <summary>The input passed to <see cref="ContinueAsNew"/>, if the workflow called it.</summary>
    public object? ContinuedAsNewWith { get; private set; }

    /// <summary>Whether the workflow called <see cref="ContinueAsNew"/>.</summary>
    public bool ContinuedAsNew { get; private set; }

    /// <summary>Answers the activity <paramref name="activityName"/> with <paramref name="handler"/>; exceptions it throws are activity failures.</summary>
    public FakeWorkflowContext OnActivity<TInput, TOutput>(string activityName, Func<TInput, TOutput> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _activities[activityName] = call => Task.FromResult(Serialize(handler(Deserialize<TInput>(call.InputJson))));
        return this;
    }

    /// <summary>Runs a real activity object for calls to <paramref name="activityName"/> (default: its class name).</summary>
    public FakeWorkflowContext UseActivity<TInput, TOutput>(WorkflowActivity<TInput, TOutput> activity, string? activityName = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var registeredName = activityName ?? activity.GetType().Name;
        _activities[registeredName] = async call =>
        {
            var context = new FakeWorkflowActivityContext(registeredName, InstanceId, call.TaskExecutionKey);
            return Serialize(await activity.RunAsync(context, Deserialize<TInput>(call.InputJson)).ConfigureAwait(false));
        };
        return this;
    }

    /// <summary>Answers the child workflow <paramref name="workflowName"/> with <paramref name="handler"/>.</summary>
    public FakeWorkflowContext OnChildWorkflow<TInput, TOutput>(string workflowName, Func<TInput, TOutput> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _childWorkflows[workflowName] = call => Task.FromResult(Serialize(handler(Deserialize<TInput>(call.InputJson))));
        return this;
    }

    /// <summary>What <see cref="IsPatched"/> answers for <paramref name="patchName"/>; unset patches answer true, as on a first run.</summary>
    public FakeWorkflowContext SetPatched(string patchName, bool patched)
    {
        _patches[patchName] = patched;
        return this;
    }

    /// <summary>Delivers an external event now if the workflow waits for it, otherwise when it does.</summary>
    public FakeWorkflowContext RaiseEvent<T>(string eventName, T payload)
    {
        var json = Serialize(payload);
        if (_eventWaiters.TryGetValue(eventName, out var waiters) && waiters.Count > 0)
        {
            var waiter = waiters[0];
            waiters.RemoveAt(0);
            waiter(json);
            return this;
        }

        if (!_raisedEvents.TryGetValue(eventName, out var queue))
        {
            _raisedEvents[eventName] = queue = new Queue<string?>();
        }

        queue.Enqueue(json);
        return this;
    }

    /// <inheritdoc />
    public override bool IsPatched(string patchName) => !_patches.TryGetValue(patchName, out var patched) || patched;

    /// <inheritdoc />
    public override Task<T> CallActivityAsync<T>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        CallAsync<T>(_activities, "activity", name, input, options?.RetryPolicy);

    /// <inheritdoc />
    public override Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) =>
        CallAsync<TResult>(_childWorkflows, "child workflow", workflowName, input, options?.RetryPolicy);

    /// <inheritdoc />
    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        Advance(fireAt);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (TryDequeueEvent(eventName, out var queued))
        {
            return Task.FromResult(Deserialize<T>(queued));
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<string?> waiter = json => completion.TrySetResult(Deserialize<T>(json));
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            _eventWaiters[eventName] = waiters = [];
        }

        waiters.Add(waiter);
        cancellationToken.Register(() =>
        {
            waiters.Remove(waiter);
            completion.TrySetCanceled(cancellationToken);
        });
        return completion.Task;
    }

    /// <summary>
    /// A queued event wins; otherwise the timeout elapses on the virtual clock at once and the wait is cancelled, as the
    /// runtime's durable timer would do. (The base implementation would let the instantly-fired timer win every race.)
    /// </summary>
    public override Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout)
    {
        if (TryDequeueEvent(eventName, out var queued))
        {
            return Task.FromResult(Deserialize<T>(queued));
        }

        Advance(VirtualUtcNow + timeout);
        return Task.FromCanceled<T>(new CancellationToken(canceled: true));
    }

    /// <inheritdoc />
    public override void SendEvent(string instanceId, string eventName, object payload) => _sentEvents.Add((instanceId, eventName, payload));

    /// <inheritdoc />
    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;

    /// <inheritdoc />
    public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    /// <inheritdoc />
    public override ILogger CreateReplaySafeLogger(Type type) => NullLogger.Instance;

    /// <inheritdoc />
    public override ILogger CreateReplaySafeLogger<T>() => NullLogger.Instance;

    /// <inheritdoc />
    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        ContinuedAsNewWith = newInput;
    }

    /// <summary>Deterministic: 00000000-0000-0000-0000-000000000001, …02, and so on.</summary>
    public override Guid NewGuid() => new((++_guidCounter).ToString("D32", CultureInfo.InvariantCulture));

    /// <summary>None: the fake does not propagate history.</summary>
    public override PropagatedHistory? GetPropagatedHistory() => null;

    private async Task<T> CallAsync<T>(
        Dictionary<string, Func<FakeTaskCall, Task<string?>>> handlers, string kind, string taskName, object? input, WorkflowRetryPolicy? retryPolicy)
    {
        if (!handlers.TryGetValue(taskName, out var handler))
        {
            throw new InvalidOperationException($"The fake workflow context has no {kind} '{taskName}'; register it first.");
        }

        var attempts = Math.Max(1, retryPolicy?.MaxNumberOfAttempts ?? 1);
        var taskExecutionKey = (++_taskCounter).ToString("x32", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var call = new FakeTaskCall(taskName, Serialize(input), attempt, taskExecutionKey);
            _calls.Add(call);
            try
            {
                return Deserialize<T>(await handler(call).ConfigureAwait(false));
            }
            catch (Exception) when (attempt < attempts)
            {
                Advance(VirtualUtcNow + RetryDelay(retryPolicy!, attempt));
            }
            catch (Exception e)
            {
                var details = new WorkflowTaskFailureDetails(e.GetType().FullName ?? e.GetType().Name, e.Message, e.StackTrace ?? "");
                throw new WorkflowTaskFailedException($"Task failed: {e.Message}", details);
            }
        }
    }

    private static TimeSpan RetryDelay(WorkflowRetryPolicy policy, int failedAttempt)
    {
        var delay = policy.FirstRetryInterval * Math.Pow(policy.BackoffCoefficient, failedAttempt - 1);
        return policy.MaxRetryInterval is { } max && delay > max ? max : delay;
    }

    private bool TryDequeueEvent(string eventName, out string? json)
    {
        json = null;
        return _raisedEvents.TryGetValue(eventName, out var queue) && queue.TryDequeue(out json);
    }

    private void Advance(DateTime to)
    {
        if (to > VirtualUtcNow)
        {
            VirtualUtcNow = to;
        }
    }

    private static string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);

    private static T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json, Json)!;
}

/// <summary>One attempt at an activity or child workflow: its name, JSON input, attempt number (from 1) and execution key.</summary>
public sealed record FakeTaskCall(string Name, string? InputJson, int Attempt, string TaskExecutionKey);
