using System.Text;
using System.Text.Json;
using Kubewarden.Admission;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Builds loaders and requests the way the policy-server does.</summary>
internal static class Harness
{
    public const string Uid = "0f5cf4c0-7a2c-4b2e-9d1e-5c3b1e6a0001";

    public const string PodObject = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx"}}""";

    /// <summary>A loader over <paramref name="engine"/> with the tracing handler plus <paramref name="handlers"/>.</summary>
    public static PolicyLoader CreateLoader(
        IWasmEngine engine, EvaluationOptions? options = null, IEnumerable<IHostCapabilityHandler>? handlers = null, ILoggerFactory? loggerFactory = null)
    {
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        var dispatcher = new HostCapabilityDispatcher(
            [new TracingLogHandler(factory), .. handlers ?? []], factory.CreateLogger<HostCapabilityDispatcher>());
        return new PolicyLoader(engine, dispatcher, options ?? new EvaluationOptions(), factory, TimeProvider.System);
    }

    /// <summary>A definition granting every host capability unless told otherwise.</summary>
    public static PolicyDefinition Definition(string id = "test-policy", IReadOnlyList<string>? hostCapabilities = null) =>
        new(id) { HostCapabilities = hostCapabilities ?? ["*"] };

    /// <summary>An AdmissionRequest for a Pod; <paramref name="objectJson"/> null omits <c>object</c> (as in a DELETE).</summary>
    public static ValidationRequest Request(string operation = "CREATE", string? objectJson = PodObject)
    {
        var json = $$"""
            {"uid":"{{Uid}}","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
             "name":"nginx","namespace":"default","operation":"{{operation}}","userInfo":{"username":"alice"}{{(objectJson is null ? string.Empty : $",\"object\":{objectJson}")}}}
            """;
        return ValidationRequest.ForAdmission(AdmissionRequest.Parse(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>A raw request (<c>/validate_raw</c>).</summary>
    public static ValidationRequest RawRequest(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ValidationRequest.ForRaw(document.RootElement.Clone());
    }

    /// <summary>The payload a policy receives for <paramref name="request"/> with empty settings.</summary>
    public static byte[] Payload(ValidationRequest request) =>
        Encoding.UTF8.GetBytes($"{{\"request\":{Encoding.UTF8.GetString(request.RequestJson.Span)},\"settings\":{{}}}}");
}

/// <summary>Answers every host call with a failure; for bare waPC calls that make none.</summary>
internal sealed class NoHostCalls : IHostCallHandler
{
    public HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload) =>
        HostCallResult.Failure("no host calls in this test");
}

/// <summary>A test-side <c>net</c>/<c>v1/dns_lookup_host</c> handler that records its calls and answers a fixed payload.</summary>
internal sealed class RecordingDnsHandler(string answer) : IHostCapabilityHandler
{
    private readonly List<(string PolicyId, string Payload)> _calls = [];

    public string Namespace => "net";

    public string Operation => "v1/dns_lookup_host";

    public IReadOnlyList<(string PolicyId, string Payload)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public HostCallResult Handle(PolicyContext policy, ReadOnlySpan<byte> payload)
    {
        lock (_calls)
        {
            _calls.Add((policy.PolicyId, Encoding.UTF8.GetString(payload)));
        }

        return HostCallResult.Success(Encoding.UTF8.GetBytes(answer));
    }
}

/// <summary>Keeps every formatted log message, to check what guests logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider._entries)
            {
                provider._entries.Add((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
