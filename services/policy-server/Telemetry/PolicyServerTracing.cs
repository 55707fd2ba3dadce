using System.Diagnostics;
using Kubewarden.Admission;
using Kubewarden.PolicyServer.Api;

namespace Kubewarden.PolicyServer.Telemetry;

/// <summary>
/// One span per evaluation, named as Kubewarden's handler spans (<c>validation</c>, <c>audit</c>,
/// <c>validation_raw</c>) with the request and result fields of spec §7.2.
/// </summary>
internal static class PolicyServerTracing
{
    public const string SourceName = "Kubewarden.PolicyServer";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(AdmissionRoute route, string policyId, AdmissionRequest? request)
    {
        var activity = Source.StartActivity(route switch
        {
            AdmissionRoute.Validate => "validation",
            AdmissionRoute.Audit => "audit",
            _ => "validation_raw",
        });
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("policy_id", policyId);
        activity.SetTag("host", System.Environment.GetEnvironmentVariable("HOSTNAME") ?? "unknown");
        if (request is not null)
        {
            activity.SetTag("request_uid", request.Uid);
            activity.SetTag("name", request.Name);
            activity.SetTag("namespace", request.Namespace);
            activity.SetTag("operation", request.Operation);
            activity.SetTag("subresource", request.SubResource);
            activity.SetTag("kind_group", request.Kind.Group);
            activity.SetTag("kind_version", request.Kind.Version);
            activity.SetTag("kind", request.Kind.Kind);
            activity.SetTag("resource_group", request.Resource.Group);
            activity.SetTag("resource_version", request.Resource.Version);
            activity.SetTag("resource", request.Resource.Resource);
        }

        return activity;
    }

    public static void Complete(Activity? activity, AdmissionResponse response)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("allowed", response.Allowed);
        activity.SetTag("mutated", response.Patch is not null);
        activity.SetTag("response_code", response.Status?.Code);
        activity.SetTag("response_message", response.Status?.Message);
    }
}
