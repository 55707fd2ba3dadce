using Kubewarden.Evaluation.HostCapabilities;
using Microsoft.Extensions.Logging;

namespace Kubewarden.HostCapabilities.Replay;

/// <summary>
/// Every gated capability (<see cref="HostCapabilityTree.Leaves"/>) answered from one replay session
/// (<c>--replay-host-capabilities-interactions</c>); <c>tracing/log</c> is not part of it.
/// </summary>
public sealed partial class ReplayedHostCapabilities
{
    /// <summary>Creates one handler per gated capability, all answering from <paramref name="session"/>.</summary>
    public ReplayedHostCapabilities(ReplaySession session, ILogger<ReplayedHostCapabilities> logger)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(logger);
        Handlers = HostCapabilityTree.Leaves.Order(StringComparer.Ordinal)
            .Select(path => new ReplayedCapability(session, path, logger))
            .ToArray();
        LogSessionLoaded(logger, session.File, session.ExchangeCount, Handlers.Count);
    }

    /// <summary>The handlers, one per gated capability, to register with the <see cref="HostCapabilityDispatcher"/>.</summary>
    public IReadOnlyList<IHostCapabilityHandler> Handlers { get; }

    [LoggerMessage(EventId = ReplayEventIds.SessionLoaded, EventName = nameof(ReplayEventIds.SessionLoaded), Level = LogLevel.Information,
        Message = "Host capabilities answer from the replay session {SessionFile}: {ExchangeCount} recorded exchanges for {CapabilityCount} capabilities")]
    private static partial void LogSessionLoaded(ILogger logger, string sessionFile, int exchangeCount, int capabilityCount);
}
