using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Rego.Tests;

public sealed class DebuggingBuiltinsTests
{
    [Fact]
    public void Trace_logs_the_note_at_information_level_and_answers_true()
    {
        var logger = new RecordingLogger();
        var context = new RegoBuiltinContext(TimeProvider.System, logger);

        var result = RegoBuiltins.All["trace"].Function(context, [JsonValue.Create("checking the image")]);

        Assert.Equal("true", result!.ToJsonString());
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("checking the image", entry.Message, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, object?>("Note", "checking the image"), entry.State);
    }

    [Fact]
    public void Trace_wants_a_string()
    {
        Assert.Equal("trace: operand 1 must be string but got number", BuiltinHarness.Fails("trace", "1").Message);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
