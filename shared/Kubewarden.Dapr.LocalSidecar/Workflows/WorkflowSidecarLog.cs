using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

internal static partial class WorkflowSidecarLog
{
    [LoggerMessage(EventId = 7401, Level = LogLevel.Debug, Message = "Workflow {InstanceId}: turn completed with {ActionCount} actions")]
    public static partial void TurnCompleted(this ILogger logger, string instanceId, int actionCount);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Debug, Message = "Activity {TaskId} of workflow {InstanceId} completed (failed: {Failed})")]
    public static partial void ActivityCompleted(this ILogger logger, string instanceId, int taskId, bool failed);

    [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "Answered Unimplemented: {Detail}")]
    public static partial void Unsupported(this ILogger logger, string detail);

    [LoggerMessage(EventId = 7404, Level = LogLevel.Warning, Message = "Dropped a {RequestCase} work item: Dapr workers have no counterpart")]
    public static partial void WorkItemDropped(this ILogger logger, string requestCase);

    [LoggerMessage(EventId = 7405, Level = LogLevel.Information, Message = "Workflow worker {Peer} connected")]
    public static partial void WorkerConnected(this ILogger logger, string peer);

    [LoggerMessage(EventId = 7406, Level = LogLevel.Information, Message = "Workflow worker {Peer} disconnected")]
    public static partial void WorkerDisconnected(this ILogger logger, string peer);
}
