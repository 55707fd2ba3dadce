using System.Text.Json;
using Kubewarden.Evaluation.HostCapabilities;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// The <c>opa</c> and <c>gatekeeper</c> modes: entrypoint 0 of the module, input and data built from the request and
/// settings as Kubewarden builds them, the result set read back into an AdmissionResponse.
/// </summary>
internal sealed class RegoPolicyRuntime(OpaGuest guest, ExecutionMode mode, IRegoInventorySource? inventories) : IPolicyRuntime
{
    private const int Entrypoint = 0;

    public PolicyVerdict Validate(ValidationRequest request, ReadOnlyMemory<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy)
    {
        if (mode == ExecutionMode.Gatekeeper && request.IsRaw)
        {
            return Failed(request, OpaErrors.GatekeeperRawRequest, EvaluationFailure.PolicyError);
        }

        RegoPayload parts;
        try
        {
            parts = RegoPayload.Read(payload);
        }
        catch (JsonException e)
        {
            return Failed(request, $"cannot read the validate payload: {e.Message}", EvaluationFailure.PolicyError);
        }

        RegoInventory? inventory = null;
        if (policy.ContextAwareResources.Count > 0)
        {
            if (inventories is null)
            {
                return Failed(request, OpaErrors.ContextAwareChannelNotSet, EvaluationFailure.PolicyError);
            }

            var built = mode == ExecutionMode.Gatekeeper
                ? inventories.ForGatekeeper(policy.ContextAwareResources)
                : inventories.ForOpa(policy.ContextAwareResources);
            if (built.Error is { } inventoryError)
            {
                return Failed(request, OpaErrors.ContextAwareDataFailed + inventoryError, EvaluationFailure.PolicyError);
            }

            inventory = built;
        }

        var (input, data) = mode == ExecutionMode.Gatekeeper
            ? RegoInputs.ForGatekeeper(parts, inventory?.Json)
            : RegoInputs.ForOpa(parts, inventory?.Json);
        var evaluation = guest.Evaluate(Entrypoint, input, data.Span, timeout, policy.PolicyId);
        if (evaluation.ResultSet is not { } resultSet)
        {
            return Failed(request, evaluation.Error!, evaluation.TimedOut ? EvaluationFailure.Timeout : EvaluationFailure.PolicyError);
        }

        if (mode == ExecutionMode.Gatekeeper)
        {
            return new PolicyVerdict(RegoResults.FromGatekeeper(resultSet, request.Uid), resultSet, EvaluationFailure.None);
        }

        var (response, error) = RegoResults.FromOpa(resultSet, request.Uid);
        return response is not null
            ? new PolicyVerdict(response, resultSet, EvaluationFailure.None)
            : new PolicyVerdict(RegoResults.InternalServerError(request.Uid, error!), resultSet, EvaluationFailure.PolicyError);
    }

    /// <summary>Rego modules have no settings validation: every setting is valid, as in Kubewarden.</summary>
    public SettingsVerdict ValidateSettings(ReadOnlySpan<byte> settings, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy) =>
        new(true, null);

    public GuestCallResult Call(string operation, ReadOnlySpan<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, PolicyContext policy) =>
        new(false, ReadOnlyMemory<byte>.Empty, $"{ExecutionModes.NameOf(mode)} policies only answer validate requests; `{operation}` is not an operation of theirs");

    public void Dispose() => guest.Dispose();

    private static PolicyVerdict Failed(ValidationRequest request, string error, EvaluationFailure failure) =>
        new(RegoResults.InternalServerError(request.Uid, error), ReadOnlyMemory<byte>.Empty, failure);
}
