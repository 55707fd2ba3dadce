using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>Wires Dapr's state API into the local sidecar.</summary>
internal static class StateServiceRegistration
{
    public static IServiceCollection AddLocalDaprState(this IServiceCollection services, LocalDaprSidecarOptions options) => services;

    public static IEndpointRouteBuilder MapLocalDaprState(this IEndpointRouteBuilder endpoints) => endpoints;
}
