using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Responses;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>The <c>wasi</c> mode: argv action, request on stdin, answer on stdout, stderr as the error.</summary>
internal sealed class WasiPolicyRuntime(WasiGuest guest) : IPolicyRuntime
{
    public PolicyVerdict Validate(ValidationRequest request, ReadOnlyMemory<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var run = guest.Run("validate", payload.Span, hostCalls, timeout);
        if (!run.Succeeded)
        {
            return new PolicyVerdict(
                AdmissionResponses.Reject(request.Uid, run.Stderr, 500),
                run.Stdout,
                run.TimedOut ? EvaluationFailure.Timeout : EvaluationFailure.PolicyError);
        }

        var (response, readable) = AdmissionResponses.FromPolicyOutput(run.Stdout.Span, request, "internal server error: Cannot deserialize policy validation response: ");
        return new PolicyVerdict(response, run.Stdout, readable ? EvaluationFailure.None : EvaluationFailure.PolicyError);
    }

    public SettingsVerdict ValidateSettings(ReadOnlySpan<byte> settings, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var run = guest.Run("validate-settings", settings, hostCalls, timeout);
        return run.Succeeded ? SettingsResponses.FromPolicyOutput(run.Stdout.Span) : SettingsResponses.CallbackFailed(run.Stderr);
    }

    public GuestCallResult Call(string operation, ReadOnlySpan<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        var run = guest.Run(operation, payload, hostCalls, timeout);
        return new GuestCallResult(run.Succeeded, run.Stdout, run.Stderr);
    }

    public void Dispose() => guest.Dispose();
}
