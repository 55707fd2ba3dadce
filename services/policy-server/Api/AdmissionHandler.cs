using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.PolicyServer.Configuration;
using Kubewarden.PolicyServer.PolicySet;
using Kubewarden.PolicyServer.Telemetry;
using Microsoft.Extensions.Options;

namespace Kubewarden.PolicyServer.Api;

/// <summary>
/// The request pipeline of the evaluation routes (spec §4.4): read and parse the body, find the policy, namespace
/// exemption, evaluate within the worker bound, post-process, record metrics, answer 200 with the verdict.
/// </summary>
internal sealed partial class AdmissionHandler(
    IOptions<PolicyServerOptions> options,
    PolicySetState policies,
    EvaluationGate gate,
    PolicyServerMetrics metrics,
    ILogger<AdmissionHandler> logger)
{
    public async Task HandleAsync(HttpContext context, string policyId, AdmissionRoute route)
    {
        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body.Body is null)
        {
            await ApiError.WriteExtractionErrorAsync(context, route, body.Status, body.Error!).ConfigureAwait(false);
            return;
        }

        var parsed = AdmissionRequestParsing.Parse(body.Body, route);
        if (parsed.Request is null)
        {
            await ApiError.WriteExtractionErrorAsync(context, route, parsed.Status, parsed.Error!).ConfigureAwait(false);
            return;
        }

        var environment = policies.Enter();
        try
        {
            await HandleAsync(context, policyId, route, parsed, environment).ConfigureAwait(false);
        }
        finally
        {
            environment?.Exit();
        }
    }

    private async Task HandleAsync(HttpContext context, string policyId, AdmissionRoute route, AdmissionRequestParsing.Outcome parsed, PolicyEnvironment? environment)
    {
        var request = parsed.Request!;
        if (environment is null || !environment.TryGet(policyId, out var entry))
        {
            await ApiError.WriteJsonAsync(context, StatusCodes.Status404NotFound, $"unknown policy: {policyId}").ConfigureAwait(false);
            return;
        }

        if (parsed.Admission?.Namespace is { } ns && ns == options.Value.AlwaysAcceptAdmissionReviewsOnNamespace)
        {
            var accepted = AdmissionResponse.Accept(request.Uid);
            metrics.RecordExempted(entry, route, parsed.Admission);
            await WriteAsync(context, route, accepted).ConfigureAwait(false);
            return;
        }

        EntryVerdict verdict;
        using var activity = PolicyServerTracing.Start(route, policyId, parsed.Admission);
        var started = TimeProvider.System.GetTimestamp();
        using (await gate.EnterAsync(context.RequestAborted).ConfigureAwait(false))
        {
            verdict = entry.Evaluate(request, postProcess: route != AdmissionRoute.Audit, logger);
        }

        PolicyServerTracing.Complete(activity, verdict.Response);

        metrics.RecordEvaluation(entry, route, verdict, parsed.Admission, TimeProvider.System.GetElapsedTime(started));
        if (verdict.Failure == EvaluationFailure.InstantiationError && entry is LoadedPolicy)
        {
            // As Kubewarden: a policy that cannot even be instantiated is a server error; the detail stays in the log.
            LogEvaluationError(logger, policyId, verdict.Unprocessed.Status?.Message);
            await ApiError.WriteJsonAsync(context, StatusCodes.Status500InternalServerError, ApiError.SomethingWentWrong).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, route, verdict.Response).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, AdmissionRoute route, AdmissionResponse response)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var bytes = route == AdmissionRoute.ValidateRaw ? AdmissionReviewWriter.WriteRaw(response) : AdmissionReviewWriter.Write(response);
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    [LoggerMessage(EventId = PolicyServerEventIds.EvaluationError, EventName = nameof(PolicyServerEventIds.EvaluationError), Level = LogLevel.Error,
        Message = "Policy `{PolicyId}` could not be evaluated: {Problem}")]
    private static partial void LogEvaluationError(ILogger logger, string policyId, string? problem);
}
