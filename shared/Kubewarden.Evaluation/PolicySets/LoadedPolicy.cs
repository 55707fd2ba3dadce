using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>A loaded individual policy.</summary>
public sealed class LoadedPolicy(SinglePolicyConfig config, PolicyEvaluator evaluator) : PolicyEntry(config)
{
    private readonly PostProcessingRules _rules = new(config.Id, config.PolicyMode, config.AllowedToMutate, config.Message);

    /// <summary>The evaluator of the policy's module with its settings.</summary>
    public PolicyEvaluator Evaluator { get; } = evaluator;

    /// <inheritdoc />
    public override PolicyMode Mode => _rules.Mode;

    /// <inheritdoc />
    public override IEnumerable<PolicyEvaluator> Evaluators => [Evaluator];

    /// <inheritdoc />
    public override IEnumerable<PolicyEntryStatus> Statuses => [new(Id, true, null, Evaluator.ModuleDigest)];

    /// <inheritdoc />
    public override EntryVerdict Evaluate(ValidationRequest request, bool postProcess, ILogger logger)
    {
        var verdict = Evaluator.Validate(request);
        var response = postProcess ? ResponsePostProcessor.Apply(verdict.Response, _rules, logger) : verdict.Response;
        return new EntryVerdict(response, verdict.Response, verdict.Failure);
    }
}
