using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Responses;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>The <c>kubewarden-wapc</c> mode: <c>validate</c> and <c>validate_settings</c> waPC operations.</summary>
internal sealed class WapcPolicyRuntime(WapcGuest guest) : IPolicyRuntime
{
    public const string TimeoutMessage = "Policy execution interrupted because it exceeded the allowed execution time";

    public WapcGuest Guest => guest;

    public PolicyVerdict Validate(ValidationRequest request, ReadOnlyMemory<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var result = guest.Call("validate", payload, hostCalls, timeout, policy.PolicyId);
        switch (result.Failure)
        {
            case WapcFailure.None:
                var (response, readable) = AdmissionResponses.FromPolicyOutput(result.Response.Span, request, "internal server error: invalid response from policy: ");
                return new PolicyVerdict(response, result.Response, readable ? EvaluationFailure.None : EvaluationFailure.PolicyError);
            case WapcFailure.Timeout or WapcFailure.InitTimeout:
                return new PolicyVerdict(AdmissionResponses.Reject(request.Uid, TimeoutMessage, 500), default, EvaluationFailure.Timeout);
            case WapcFailure.InitFailure:
                return new PolicyVerdict(AdmissionResponses.Reject(request.Uid, $"internal server error: {result.Error}", 500), default, EvaluationFailure.InstantiationError);
            default:
                return new PolicyVerdict(AdmissionResponses.Reject(request.Uid, $"internal server error: {result.Error}", 500), default, EvaluationFailure.PolicyError);
        }
    }

    public SettingsVerdict ValidateSettings(ReadOnlySpan<byte> settings, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var result = guest.Call("validate_settings", settings.ToArray(), hostCalls, timeout, policy.PolicyId);
        return result.Succeeded ? SettingsResponses.FromPolicyOutput(result.Response.Span) : SettingsResponses.CallbackFailed(result.Error);
    }

    public GuestCallResult Call(string operation, ReadOnlySpan<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var result = guest.Call(operation, payload.ToArray(), hostCalls, timeout, policy.PolicyId);
        return new GuestCallResult(result.Succeeded, result.Response, result.Error);
    }

    public void Dispose() => guest.Dispose();
}
