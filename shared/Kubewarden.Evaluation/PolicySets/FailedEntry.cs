using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// An entry that could not be loaded. It never takes the server down: its requests get <c>allowed: false</c>, code 500
/// and the reason, while every other policy keeps serving.
/// </summary>
public sealed class FailedEntry(PolicyConfig config, string message, IReadOnlyList<PolicyEntryStatus> statuses, bool retryable = false) : PolicyEntry(config)
{
    /// <summary>Why it failed.</summary>
    public string Message { get; } = message;

    /// <summary>Whether a module fetch failed for a reason that may pass: building the entry again later may succeed.</summary>
    public bool Retryable { get; } = retryable;

    /// <inheritdoc />
    public override PolicyMode Mode => Config switch
    {
        SinglePolicyConfig single => single.PolicyMode,
        PolicyGroupConfig group => group.PolicyMode,
        _ => PolicyMode.Protect,
    };

    /// <inheritdoc />
    public override IEnumerable<PolicyEvaluator> Evaluators => [];

    /// <inheritdoc />
    public override IEnumerable<PolicyEntryStatus> Statuses => statuses;

    /// <inheritdoc />
    public override EntryVerdict Evaluate(ValidationRequest request, bool postProcess, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = Responses.AdmissionResponses.Reject(request.Uid, Message, 500);
        return new EntryVerdict(response, response, EvaluationFailure.LoadError);
    }
}
