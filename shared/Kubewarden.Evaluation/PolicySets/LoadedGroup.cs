using Kubewarden.Admission;
using Kubewarden.Evaluation.Groups;
using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// A loaded policy group: its expression decides, calling members only when needed (left to right, short-circuit).
/// A member that mutates counts as a rejection; rejecting members become the causes of the group's rejection.
/// </summary>
public sealed class LoadedGroup : PolicyEntry
{
    /// <summary>The message recorded for a member that tried to mutate.</summary>
    public const string MutationNotAllowed = "mutation is not allowed inside of policy group";

    private readonly PolicyGroupConfig _config;
    private readonly PolicyGroupExpression _expression;
    private readonly IReadOnlyDictionary<string, PolicyEvaluator> _members;
    private readonly PostProcessingRules _rules;

    /// <summary>Creates the group from its parsed expression and loaded members.</summary>
    public LoadedGroup(PolicyGroupConfig config, PolicyGroupExpression expression, IReadOnlyDictionary<string, PolicyEvaluator> members)
        : base(config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _expression = expression;
        _members = members;
        _rules = new PostProcessingRules(config.Id, config.PolicyMode, AllowedToMutate: false, CustomMessage: null);
    }

    /// <inheritdoc />
    public override PolicyMode Mode => _config.PolicyMode;

    /// <inheritdoc />
    public override IEnumerable<PolicyEvaluator> Evaluators => _members.Values;

    /// <inheritdoc />
    public override IEnumerable<PolicyEntryStatus> Statuses =>
        _members.Select(m => new PolicyEntryStatus($"{Id}/{m.Key}", true, null, m.Value.ModuleDigest)).Prepend(new PolicyEntryStatus(Id, true, null, null));

    /// <inheritdoc />
    public override EntryVerdict Evaluate(ValidationRequest request, bool postProcess, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(request);
        var causes = new List<AdmissionStatusCause>();
        AdmissionResponse response;
        var failure = EvaluationFailure.None;
        try
        {
            var allowed = _expression.Evaluate(member => EvaluateMember(member, request, causes));
            response = allowed
                ? AdmissionResponse.Accept(request.Uid)
                : new AdmissionResponse
                {
                    Uid = request.Uid,
                    Allowed = false,
                    Status = new AdmissionStatus { Message = _config.Message, Details = new AdmissionStatusDetails { Causes = causes } },
                };
        }
        catch (GroupMemberFailedException e)
        {
            response = Responses.AdmissionResponses.Reject(request.Uid, $"error evaluating policy group expression: {e.Message}", 500);
            failure = EvaluationFailure.InstantiationError;
        }

        var processed = postProcess ? ResponsePostProcessor.Apply(response, _rules, logger) : response;
        return new EntryVerdict(processed, response, failure);
    }

    private bool EvaluateMember(string member, ValidationRequest request, List<AdmissionStatusCause> causes)
    {
        var verdict = _members[member].Validate(request);
        if (verdict.Failure == EvaluationFailure.InstantiationError)
        {
            throw new GroupMemberFailedException($"member `{member}`: {verdict.Response.Status?.Message}");
        }

        var field = $"spec.policies.{member}";
        if (verdict.Response.Patch is not null)
        {
            causes.Add(new AdmissionStatusCause { Message = MutationNotAllowed, Field = field });
            return false;
        }

        if (!verdict.Response.Allowed)
        {
            causes.Add(new AdmissionStatusCause { Message = verdict.Response.Status?.Message, Field = field });
        }

        return verdict.Response.Allowed;
    }

    private sealed class GroupMemberFailedException(string message) : Exception(message);
}
