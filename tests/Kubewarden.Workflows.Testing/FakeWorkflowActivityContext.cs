using Dapr.Workflow;
using Dapr.Workflow.Abstractions;

namespace Kubewarden.Workflows.Testing;

/// <summary>The context a <see cref="FakeWorkflowContext"/> hands to real activity classes.</summary>
public sealed class FakeWorkflowActivityContext(string activityName, string instanceId, string taskExecutionKey) : WorkflowActivityContext
{
    /// <inheritdoc />
    public override TaskIdentifier Identifier { get; } = new(activityName);

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;

    /// <inheritdoc />
    public override string TaskExecutionKey { get; } = taskExecutionKey;
}
