namespace Kubewarden.PolicyServer.Api;

/// <summary>The evaluation routes of the API port.</summary>
internal static class AdmissionEndpoints
{
    public static IEndpointRouteBuilder MapAdmissionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/validate/{id}", (HttpContext context, string id, AdmissionHandler handler) => handler.HandleAsync(context, id, AdmissionRoute.Validate))
            .OnListener(Listener.Api);
        endpoints.MapPost("/validate_raw/{id}", (HttpContext context, string id, AdmissionHandler handler) => handler.HandleAsync(context, id, AdmissionRoute.ValidateRaw))
            .OnListener(Listener.Api);
        endpoints.MapPost("/audit/{id}", (HttpContext context, string id, AdmissionHandler handler) => handler.HandleAsync(context, id, AdmissionRoute.Audit))
            .OnListener(Listener.Api);
        return endpoints;
    }
}
