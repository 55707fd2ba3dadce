using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>One entry of the loaded policy set: a policy, a group, or an entry that failed to load.</summary>
public abstract class PolicyEntry
{
    private protected PolicyEntry(PolicyConfig config)
    {
        Config = config;
    }

    /// <summary>The configuration it was built from; equal configuration = nothing to rebuild.</summary>
    public PolicyConfig Config { get; }

    /// <summary>The policy id.</summary>
    public string Id => Config.Id;

    /// <summary>Protect or monitor (metrics label <c>policy_mode</c>).</summary>
    public abstract PolicyMode Mode { get; }

    /// <summary>The evaluators this entry runs (one, or one per group member).</summary>
    public abstract IEnumerable<PolicyEvaluator> Evaluators { get; }

    /// <summary>Load state of the entry, and of each group member.</summary>
    public abstract IEnumerable<PolicyEntryStatus> Statuses { get; }

    /// <summary>Evaluates a request; post-processing is applied when <paramref name="postProcess"/> (not on /audit).</summary>
    public abstract EntryVerdict Evaluate(ValidationRequest request, bool postProcess, ILogger logger);
}
