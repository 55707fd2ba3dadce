using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Crypto;
using Kubewarden.HostCapabilities.Net;
using Kubewarden.HostCapabilities.Oci;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer;

/// <summary>The host capabilities the policies' host calls reach, behind the one dispatcher.</summary>
internal static class HostCapabilitiesServiceCollectionExtensions
{
    public static IServiceCollection AddHostCapabilities(this IServiceCollection services, PolicyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IHostCapabilityHandler, TracingLogHandler>();
        // The registry capabilities share the policy fetcher's OCI client (AddPolicyFetching): same sources and credentials.
        services.AddSingleton<IHostCapabilityHandler, ManifestDigestHandler>();
        services.AddSingleton<IHostCapabilityHandler, OciManifestHandler>();
        services.AddSingleton<IHostCapabilityHandler, OciManifestConfigHandler>();
        services.AddSingleton<IHostCapabilityHandler, DnsLookupHostHandler>();
        services.AddSingleton<IHostCapabilityHandler, IsCertificateTrustedHandler>();
        services.AddSingleton<HostCapabilityDispatcher>();
        return services;
    }
}
