using Grpc.Core;
using Microsoft.Extensions.Logging;
using D = Dapr.DurableTask.Protobuf;
using M = Microsoft.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// The stream Microsoft's server writes work items to: translates each into Dapr's dialect, adds back what the backend
/// cannot carry (patches, task execution ids) and writes it to the Dapr worker's stream.
/// </summary>
internal sealed class DaprWorkItemWriter(
    IServerStreamWriter<D.WorkItem> daprStream,
    PatchMemory patches,
    TaskExecutionIdMemory executionIds,
    ILogger logger) : IServerStreamWriter<M.WorkItem>
{
    public WriteOptions? WriteOptions
    {
        get => daprStream.WriteOptions;
        set => daprStream.WriteOptions = value;
    }

    public Task WriteAsync(M.WorkItem message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(M.WorkItem message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var workItem = ProtoBridge.ToDapr(message);
        if (workItem is null)
        {
            logger.WorkItemDropped(message.RequestCase.ToString());
            return Task.CompletedTask;
        }

        if (workItem.WorkflowRequest is { } workflowRequest)
        {
            patches.Restore(workflowRequest);
        }

        if (workItem.ActivityRequest is { } activityRequest)
        {
            executionIds.Restore(activityRequest);
        }

        return daprStream.WriteAsync(workItem, cancellationToken);
    }
}
