using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>Wires Dapr's workflow API into the local sidecar.</summary>
internal static class WorkflowServiceRegistration
{
    public static IServiceCollection AddLocalDaprWorkflows(this IServiceCollection services)
    {
        services.AddSingleton(provider => new InMemoryOrchestrationService(provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider =>
        {
            var store = provider.GetRequiredService<InMemoryOrchestrationService>();
            return new TaskHubGrpcServer(
                provider.GetRequiredService<IHostApplicationLifetime>(),
                provider.GetRequiredService<ILoggerFactory>(),
                ConcurrencyCapProxy.Wrap(store),
                store,
                Options.Create(new TaskHubGrpcServerOptions()));
        });
        services.AddSingleton<PatchMemory>();
        services.AddSingleton<TaskExecutionIdMemory>();
        services.AddSingleton<DaprTaskHubAdapter>();
        return services;
    }

    public static IEndpointRouteBuilder MapLocalDaprWorkflows(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<DaprTaskHubAdapter>();
        // The server starts its dispatchers from ApplicationStarted, so it must exist before the application starts.
        endpoints.ServiceProvider.GetRequiredService<TaskHubGrpcServer>();
        return endpoints;
    }
}
