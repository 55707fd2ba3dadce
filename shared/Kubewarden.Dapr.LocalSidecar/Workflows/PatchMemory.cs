using System.Collections.Concurrent;
using D = Dapr.DurableTask.Protobuf;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// Keeps the patches a workflow reported (<c>WorkflowResponse.version</c>) and hands them back in its history, where
/// daprd keeps them (<c>WorkflowStartedEvent.version</c>) and Microsoft's history has no field for them. Without this,
/// <c>IsPatched</c> answers true on the first run and false on replay: a nondeterminism bug.
/// </summary>
internal sealed class PatchMemory
{
    private readonly ConcurrentDictionary<string, D.WorkflowVersion> _versions = new(StringComparer.Ordinal);

    public void Remember(D.WorkflowResponse response)
    {
        if (response.Actions.Any(action => action.CompleteWorkflow is not null))
        {
            Forget(response.InstanceId);
            return;
        }

        if (response.Version is not { Patches.Count: > 0 } reported)
        {
            return;
        }

        _versions.AddOrUpdate(response.InstanceId, _ => reported.Clone(), (_, known) => Merge(known, reported));
    }

    /// <summary>
    /// Writes every patch seen so far into the first <c>WorkflowStarted</c> past event: the worker unions the patches of
    /// all such events, so one carrier is enough.
    /// </summary>
    public void Restore(D.WorkflowRequest request)
    {
        if (_versions.TryGetValue(request.InstanceId, out var version)
            && request.PastEvents.FirstOrDefault(e => e.WorkflowStarted is not null) is { } started)
        {
            started.WorkflowStarted.Version = version.Clone();
        }
    }

    public void Forget(string instanceId) => _versions.TryRemove(instanceId, out _);

    private static D.WorkflowVersion Merge(D.WorkflowVersion known, D.WorkflowVersion reported)
    {
        var merged = known.Clone();
        merged.Patches.AddRange(reported.Patches.Where(patch => !merged.Patches.Contains(patch)).Distinct(StringComparer.Ordinal));
        return merged;
    }
}
