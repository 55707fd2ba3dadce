using Microsoft.Extensions.Logging;

namespace Kubewarden.Dapr.LocalSidecar.State;

/// <summary>The state API's log messages.</summary>
internal static partial class StateLog
{
    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "State store {Store} is kept in memory")]
    public static partial void ServingInMemory(this ILogger logger, string store);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Information, Message = "State store {Store} is kept on disk in {Directory} ({KeyCount} keys found)")]
    public static partial void ServingOnDisk(this ILogger logger, string store, string directory, int keyCount);
}
