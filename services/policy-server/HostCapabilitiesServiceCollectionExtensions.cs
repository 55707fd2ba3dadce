using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Sigstore;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer;

/// <summary>The host capabilities the policies' host calls reach, behind the one dispatcher.</summary>
internal static class HostCapabilitiesServiceCollectionExtensions
{
    public static IServiceCollection AddHostCapabilities(this IServiceCollection services, PolicyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IHostCapabilityHandler, TracingLogHandler>();
        services.AddSingleton<SigstoreVerificationService>();
        services.AddSingleton<IHostCapabilityHandler, OciVerifyV1Handler>();
        services.AddSingleton<IHostCapabilityHandler, OciVerifyV2Handler>();
        services.AddSingleton<HostCapabilityDispatcher>();
        return services;
    }
}
