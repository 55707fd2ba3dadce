using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kubewarden.Admission;
using Kubewarden.Evaluation;
using Kubewarden.Evaluation.PolicySets;
using Kubewarden.Policies;
using Kubewarden.PolicyServer.Api;

namespace Kubewarden.PolicyServer.Telemetry;

/// <summary>
/// Kubewarden's two instruments (meter <c>kubewarden</c>) with its attributes (spec §7.1); labels come from the raw
/// verdict, before monitor mode and the other post-processing.
/// </summary>
internal sealed class PolicyServerMetrics
{
    public const string MeterName = "kubewarden";

    private readonly Counter<long> _evaluations;
    private readonly Histogram<long> _latency;

    public PolicyServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _evaluations = meter.CreateCounter<long>("kubewarden_policy_evaluations_total", description: "Policy evaluations");
        _latency = meter.CreateHistogram<long>("kubewarden_policy_evaluation_latency_milliseconds", description: "Policy evaluation latency in milliseconds");
    }

    public void RecordEvaluation(PolicyEntry entry, AdmissionRoute route, EntryVerdict verdict, AdmissionRequest? request, TimeSpan elapsed)
    {
        if (verdict.Failure == EvaluationFailure.LoadError && entry is FailedEntry failed)
        {
            _evaluations.Add(1, new KeyValuePair<string, object?>("policy_name", entry.Id), new KeyValuePair<string, object?>("initialization_error", failed.Message));
            return;
        }

        var tags = Tags(entry, route, verdict.Unprocessed.Allowed, verdict.Unprocessed.Patch is not null, request, verdict.Unprocessed.Status?.Code);
        _evaluations.Add(1, tags);
        _latency.Record((long)elapsed.TotalMilliseconds, tags);
    }

    public void RecordExempted(PolicyEntry entry, AdmissionRoute route, AdmissionRequest request)
    {
        var tags = Tags(entry, route, accepted: true, mutated: false, request, errorCode: null);
        _evaluations.Add(1, tags);
        _latency.Record(0, tags);
    }

    private static TagList Tags(PolicyEntry entry, AdmissionRoute route, bool accepted, bool mutated, AdmissionRequest? request, int? errorCode)
    {
        var tags = new TagList
        {
            { "policy_name", entry.Id },
            { "policy_mode", entry.Mode == PolicyMode.Monitor ? "monitor" : "protect" },
            { "accepted", accepted },
            { "mutated", mutated },
        };
        if (request is not null)
        {
            tags.Add("resource_kind", request.RequestKind?.Kind ?? string.Empty);
            tags.Add("resource_request_operation", request.Operation);
            tags.Add("request_origin", route == AdmissionRoute.Audit ? "audit" : "validate");
            if (request.Namespace is { } ns)
            {
                tags.Add("resource_namespace", ns);
            }
        }

        if (errorCode is { } code)
        {
            tags.Add("error_code", (long)code);
        }

        return tags;
    }
}
