using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.HostCapabilities;

/// <summary>
/// The one entry point of host capabilities: rejects unknown bindings, checks the policy's allow list before any work,
/// then hands the call to the handler registered for (namespace, operation).
/// </summary>
public sealed partial class HostCapabilityDispatcher
{
    /// <summary>The only binding Kubewarden serves.</summary>
    public const string Binding = "kubewarden";

    private readonly FrozenDictionary<(string Namespace, string Operation), IHostCapabilityHandler> _handlers;
    private readonly ILogger _logger;

    /// <summary>Builds the dispatch table; two handlers for the same capability are rejected.</summary>
    public HostCapabilityDispatcher(IEnumerable<IHostCapabilityHandler> handlers, ILogger<HostCapabilityDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var table = new Dictionary<(string, string), IHostCapabilityHandler>();
        foreach (var handler in handlers)
        {
            if (!table.TryAdd((handler.Namespace, handler.Operation), handler))
            {
                throw new ArgumentException(
                    $"two handlers serve the host capability {handler.Namespace}/{handler.Operation}: " +
                    $"{table[(handler.Namespace, handler.Operation)].GetType().Name} and {handler.GetType().Name}",
                    nameof(handlers));
            }
        }

        _handlers = table.ToFrozenDictionary();
        _logger = logger;
    }

    /// <summary>A handler answering the host calls of <paramref name="policy"/>.</summary>
    public IHostCallHandler ForPolicy(PolicyContext policy) => new PolicyHostCalls(this, policy);

    /// <summary>Handles one host call made by <paramref name="policy"/>.</summary>
    public HostCallResult Dispatch(PolicyContext policy, string binding, string @namespace, string operation, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (binding != Binding)
        {
            return HostCallResult.Failure($"unknown binding: {binding}");
        }

        if (@namespace != "tracing")
        {
            var path = $"{@namespace}/{operation}";
            if (!policy.HostCapabilities.Allows(path))
            {
                LogCapabilityDenied(_logger, policy.PolicyId, path);
                return HostCallResult.Failure(
                    $"Policy has not been granted access to the '{path}' host capability. The violation has been reported.");
            }
        }

        if (_handlers.TryGetValue((@namespace, operation), out var handler))
        {
            return handler.Handle(policy, payload);
        }

        if (!HostCapabilityTree.Namespaces.Contains(@namespace))
        {
            return HostCallResult.Failure($"unknown namespace: {@namespace}");
        }

        return HostCapabilityTree.Leaves.Contains($"{@namespace}/{operation}")
            ? HostCallResult.CallbackFailure($"{@namespace}/{operation} is not implemented yet")
            : HostCallResult.Failure($"unknown operation: {operation}");
    }

    [LoggerMessage(EventId = EvaluationEventIds.HostCapabilityDenied, EventName = nameof(EvaluationEventIds.HostCapabilityDenied), Level = LogLevel.Warning,
        Message = "Policy `{PolicyId}` asked for the host capability `{Capability}`, which it has not been granted")]
    private static partial void LogCapabilityDenied(ILogger logger, string policyId, string capability);

    private sealed class PolicyHostCalls(HostCapabilityDispatcher dispatcher, PolicyContext policy) : IHostCallHandler
    {
        public HostCallResult Call(string binding, string @namespace, string operation, ReadOnlySpan<byte> payload) =>
            dispatcher.Dispatch(policy, binding, @namespace, operation, payload);
    }
}
