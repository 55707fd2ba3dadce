using System.Collections.Concurrent;
using D = Dapr.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// Carries the worker's <c>taskExecutionId</c> from a scheduled activity to the activity request, as daprd does
/// (activities see it as <c>WorkflowActivityContext.TaskExecutionKey</c>, an idempotency key). The field clashes with
/// Microsoft's <c>tags</c>, so it cannot travel through the backend.
/// </summary>
internal sealed class TaskExecutionIdMemory
{
    private readonly ConcurrentDictionary<(string InstanceId, int TaskId), string> _ids = new();

    public void Remember(D.WorkflowResponse response)
    {
        foreach (var action in response.Actions)
        {
            if (action.ScheduleTask is { TaskExecutionId.Length: > 0 } scheduled)
            {
                _ids[(response.InstanceId, action.Id)] = scheduled.TaskExecutionId;
            }
        }
    }

    public void Restore(D.ActivityRequest request)
    {
        if (request.WorkflowInstance is { } instance && _ids.TryGetValue((instance.InstanceId, request.TaskId), out var id))
        {
            request.TaskExecutionId = id;
        }
    }

    public void Forget(D.ActivityResponse response) => _ids.TryRemove((response.InstanceId, response.TaskId), out _);
}
