using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>Wires Dapr's workflow API into the local sidecar.</summary>
internal static class WorkflowServiceRegistration
{
    public static IServiceCollection AddLocalDaprWorkflows(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLocalDaprWorkflows(this IEndpointRouteBuilder endpoints) => endpoints;
}
