using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.HostCapabilities.Replay;
using Kubewarden.PolicyServer.Configuration;

namespace Kubewarden.PolicyServer;

/// <summary>The host capabilities the policies' host calls reach, behind the one dispatcher.</summary>
internal static class HostCapabilitiesServiceCollectionExtensions
{
    public static IServiceCollection AddHostCapabilities(this IServiceCollection services, PolicyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IHostCapabilityHandler, TracingLogHandler>();
        if (options.ReplayHostCapabilitiesInteractions is { } sessionFile)
        {
            services.AddReplayedHostCapabilities(sessionFile);
        }

        services.AddSingleton<HostCapabilityDispatcher>();
        return services;
    }

    /// <summary>
    /// Every gated capability answers from the session and no live handler is registered. The file is read now, so
    /// a file that cannot be used stops the start.
    /// </summary>
    private static void AddReplayedHostCapabilities(this IServiceCollection services, string sessionFile)
    {
        ReplaySession session;
        try
        {
            session = ReplaySession.Load(sessionFile);
        }
        catch (ReplaySessionException e)
        {
            throw new PolicyServerStartupException($"--replay-host-capabilities-interactions: {e.Message}", e);
        }

        services.AddSingleton(session);
        services.AddSingleton<ReplayedHostCapabilities>();
        // The dispatcher takes its handlers one registration each.
        for (var i = 0; i < HostCapabilityTree.Leaves.Count; i++)
        {
            var index = i;
            services.AddSingleton<IHostCapabilityHandler>(provider => provider.GetRequiredService<ReplayedHostCapabilities>().Handlers[index]);
        }
    }
}
