using System.Reflection;
using DurableTask.Core;

namespace Kubewarden.Dapr.LocalSidecar.Workflows;

/// <summary>
/// Raises the in-memory backend's work-item concurrency: it caps both dispatchers at
/// <see cref="Environment.ProcessorCount"/> and then polls every 500 ms, so 20 parallel workflows on two cores take
/// about 20 s instead of a few milliseconds. Every other member is forwarded unchanged.
/// </summary>
// DispatchProxy.Create rejects sealed proxy types.
#pragma warning disable CA1852
internal class ConcurrencyCapProxy : DispatchProxy
#pragma warning restore CA1852
{
    public const int MaxConcurrentWorkItems = 64;

    private static readonly MethodInfo OrchestrationCap =
        typeof(IOrchestrationService).GetProperty(nameof(IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems))!.GetMethod!;

    private static readonly MethodInfo ActivityCap =
        typeof(IOrchestrationService).GetProperty(nameof(IOrchestrationService.MaxConcurrentTaskActivityWorkItems))!.GetMethod!;

    private IOrchestrationService _inner = null!;

    public static IOrchestrationService Wrap(IOrchestrationService inner)
    {
        var proxy = Create<IOrchestrationService, ConcurrencyCapProxy>();
        ((ConcurrencyCapProxy)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod == OrchestrationCap || targetMethod == ActivityCap)
        {
            return MaxConcurrentWorkItems;
        }

        return targetMethod.Invoke(_inner, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
    }
}
