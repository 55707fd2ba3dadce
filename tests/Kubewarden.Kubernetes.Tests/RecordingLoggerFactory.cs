using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Kubernetes.Tests;

/// <summary>Records the event ids of everything logged through it.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<int> _events = new();

    /// <summary>The event ids logged so far, in order.</summary>
    public int[] Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Logger(_events);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<int> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(eventId.Id);
    }
}
