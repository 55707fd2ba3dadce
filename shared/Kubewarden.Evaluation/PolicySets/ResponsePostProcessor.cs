using Kubewarden.Admission;
using Kubewarden.Policies;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.PolicySets;

/// <summary>
/// Kubewarden's response post-processing for <c>/validate</c> and <c>/validate_raw</c>, in its order: monitor mode,
/// then the mutation constraint, then the custom message. <c>/audit</c> answers the raw verdict instead.
/// </summary>
public static partial class ResponsePostProcessor
{
    /// <summary>Applies <paramref name="rules"/> to a policy's raw verdict.</summary>
    public static AdmissionResponse Apply(AdmissionResponse response, PostProcessingRules rules, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Mode == PolicyMode.Monitor)
        {
            LogMonitorVerdict(logger, rules.PolicyId, rules.AllowedToMutate, response.Allowed, response.Status?.Message);
            return response with { Allowed = true, Patch = null, PatchType = null, Status = null };
        }

        if (response.Patch is not null && !rules.AllowedToMutate)
        {
            response = response with
            {
                Allowed = false,
                Patch = null,
                PatchType = null,
                Status = new AdmissionStatus
                {
                    Message = $"Request rejected by policy {rules.PolicyId}. The policy attempted to mutate the request, " +
                        "but it is currently configured to not allow mutations.",
                },
            };
        }

        if (!response.Allowed && rules.CustomMessage is { } custom)
        {
            var status = response.Status ?? new AdmissionStatus();
            var details = status.Details ?? new AdmissionStatusDetails();
            response = response with
            {
                Status = status with
                {
                    Message = custom,
                    Details = details with
                    {
                        Causes = [.. details.Causes ?? [], new AdmissionStatusCause { Message = status.Message ?? string.Empty }],
                    },
                },
            };
        }

        return response;
    }

    [LoggerMessage(EventId = EvaluationEventIds.MonitorVerdict, EventName = nameof(EvaluationEventIds.MonitorVerdict), Level = LogLevel.Information,
        Message = "policy evaluation (monitor mode): policy `{PolicyId}` would answer allowed={Allowed} ({StatusMessage}); allowedToMutate={AllowedToMutate}")]
    private static partial void LogMonitorVerdict(ILogger logger, string policyId, bool allowedToMutate, bool allowed, string? statusMessage);
}
