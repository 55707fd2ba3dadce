using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

internal static partial class WorkflowSidecarLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Workflow {InstanceId}: turn completed with {ActionCount} actions")]
    public static partial void TurnCompleted(this ILogger logger, string instanceId, int actionCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Activity {TaskId} of workflow {InstanceId} completed (failed: {Failed})")]
    public static partial void ActivityCompleted(this ILogger logger, string instanceId, int taskId, bool failed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Answered Unimplemented: {Detail}")]
    public static partial void Unsupported(this ILogger logger, string detail);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Dropped a {RequestCase} work item: Dapr workers have no counterpart")]
    public static partial void WorkItemDropped(this ILogger logger, string requestCase);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Workflow worker {Peer} connected")]
    public static partial void WorkerConnected(this ILogger logger, string peer);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Workflow worker {Peer} disconnected")]
    public static partial void WorkerDisconnected(this ILogger logger, string peer);
}
