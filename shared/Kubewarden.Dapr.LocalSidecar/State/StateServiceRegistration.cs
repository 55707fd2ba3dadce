using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>Wires Dapr's state API into the local sidecar.</summary>
internal static class StateServiceRegistration
{
    public static IServiceCollection AddLocalDaprState(this IServiceCollection services, LocalDaprSidecarOptions options) =>
        services.AddSingleton(provider => StateStoreRegistry.Open(options, provider.GetRequiredService<ILogger<StateStoreRegistry>>()));

    public static IEndpointRouteBuilder MapLocalDaprState(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<DaprStateService>();
        // Open the stores now, so a bad state directory fails the start rather than the first call.
        endpoints.ServiceProvider.GetRequiredService<StateStoreRegistry>();
        return endpoints;
    }
}
