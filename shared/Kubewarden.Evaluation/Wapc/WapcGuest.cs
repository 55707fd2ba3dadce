using System.Text;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Wasi;
using Kubewarden.Wasm;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>
/// A prepared waPC module. Every call runs in a fresh instance, discarded afterwards, so no state survives from one
/// call to the next. When the module could be snapshotted after <c>_start</c>/<c>wapc_init</c>, instances start from
/// that snapshot; otherwise each instance runs the init functions first, as Kubewarden does.
/// </summary>
public sealed partial class WapcGuest : IDisposable
{
    /// <summary>Init functions in the order waPC calls them.</summary>
    internal static readonly string[] InitFunctions = ["_start", "wapc_init"];

    private readonly IWasmLinkedModule _linked;
    private readonly bool _startsInitialized;
    private readonly long? _maxMemoryBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PreparedInstancePool<WapcInvocation>? _prepared;

    internal WapcGuest(IWasmLinkedModule linked, bool startsInitialized, long? maxMemoryBytes, int preparedInstances, TimeProvider time, ILogger logger)
    {
        _linked = linked;
        _startsInitialized = startsInitialized;
        _maxMemoryBytes = maxMemoryBytes;
        _time = time;
        _logger = logger;
        // Only snapshot instances are prepared ahead: they run no guest code before their evaluation takes them.
        _prepared = startsInitialized && preparedInstances > 0 ? new PreparedInstancePool<WapcInvocation>(Prepare, preparedInstances) : null;
    }

    /// <summary>Whether instances start from a post-initialisation snapshot.</summary>
    public bool StartsFromSnapshot => _startsInitialized;

    /// <summary>Host functions a waPC module may import: <c>wapc</c> and WASI (both module names).</summary>
    internal static IReadOnlyList<WasmHostFunction> HostFunctions { get; } = [.. WapcHostFunctions.All, .. WasiFunctions.All];

    /// <summary>
    /// Calls <paramref name="operation"/> with <paramref name="payload"/> in a fresh instance. Failures are returned.
    /// </summary>
    /// <param name="operation">The waPC operation, e.g. <c>validate</c>.</param>
    /// <param name="payload">The request bytes.</param>
    /// <param name="hostCalls">Answers the guest's <c>__host_call</c>s.</param>
    /// <param name="timeout">Deadline for init and for the call, each; null = none.</param>
    /// <param name="guestName">Name used in guest log lines (the policy id).</param>
    public WapcCallResult Call(string operation, ReadOnlyMemory<byte> payload, IHostCallHandler hostCalls, TimeSpan? timeout, string guestName)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var session = Start(hostCalls, timeout, guestName);
        if (session.Instance is not { } instance)
        {
            return session.Failure!.Value;
        }

        try
        {
            return Invoke(instance, session.State, Encoding.UTF8.GetBytes(operation), payload, timeout, guestName);
        }
        finally
        {
            instance.Dispose();
            ReportOutput(session.State.Wasi, guestName);
        }
    }

    /// <summary>A fresh, initialised instance (from the snapshot, or by running the init functions), or why not.</summary>
    internal WapcSession Start(IHostCallHandler hostCalls, TimeSpan? timeout, string guestName)
    {
        if (_prepared is not null && _prepared.TryTake(out var ready))
        {
            ready.State.Bind(hostCalls, message => LogConsole(_logger, guestName, message));
            ready.State.Wasi.ArmDeadline(timeout);
            return new WapcSession(ready.Instance, ready.State, null);
        }

        var wasi = new WasiContext([], [], _time);
        var state = new WapcInvocation(hostCalls, wasi, message => LogConsole(_logger, guestName, message));
        wasi.ArmDeadline(timeout);
        var instantiation = _linked.Instantiate(state, new WasmInstanceOptions(_maxMemoryBytes, timeout));
        if (instantiation.Instance is not { } instance)
        {
            LogTrap(_logger, guestName, "instantiation", instantiation.Trap!.Detail);
            return new WapcSession(null, state, InitFailure("instantiation", instantiation.Trap));
        }

        if (!_startsInitialized && RunInit(instance, wasi, timeout, guestName, _logger) is { } failure)
        {
            instance.Dispose();
            return new WapcSession(null, state, failure);
        }

        return new WapcSession(instance, state, null);
    }

    /// <summary>One waPC call on a live instance.</summary>
    internal WapcCallResult Invoke(IWasmInstance instance, WapcInvocation state, byte[] operation, ReadOnlyMemory<byte> payload, TimeSpan? timeout, string guestName)
    {
        if (instance.GetFunction("__guest_call") is not { } guestCall)
        {
            return new WapcCallResult(WapcFailure.GuestError, default, "Guest call failure: Guest call function (__guest_call) not exported by wasm module.");
        }

        state.Begin(operation, payload);
        state.Wasi.ArmDeadline(timeout);
        instance.SetDeadline(timeout);
        var result = guestCall.Call([operation.Length, payload.Length]);
        if (result.Trap is { } trap)
        {
            if (trap.Kind == WasmTrapKind.Interrupted)
            {
                return new WapcCallResult(WapcFailure.Timeout, default, $"Guest call failure: {GuestTrapText.Interrupted}");
            }

            LogTrap(_logger, guestName, "__guest_call", trap.Detail);
            return new WapcCallResult(WapcFailure.GuestError, default, $"Guest call failure: {GuestTrapText.For(trap)}");
        }

        if (result.Value == 0)
        {
            return new WapcCallResult(WapcFailure.GuestError, default, $"Guest call failure: {state.GuestError ?? "No error message set for call failure"}");
        }

        return state.GuestResponse is { } response
            ? new WapcCallResult(WapcFailure.None, response, string.Empty)
            : new WapcCallResult(WapcFailure.GuestError, default, $"Guest call failure: {state.GuestError ?? "No error message OR response set for call success"}");
    }

    /// <summary>Runs <c>_start</c> then <c>wapc_init</c> when exported; null on success.</summary>
    internal static WapcCallResult? RunInit(IWasmInstance instance, WasiContext wasi, TimeSpan? timeout, string guestName, ILogger logger)
    {
        foreach (var name in InitFunctions)
        {
            if (instance.GetFunction(name) is not { } function)
            {
                continue;
            }

            wasi.ArmDeadline(timeout);
            instance.SetDeadline(timeout);
            var result = function.Call([]);
            // TinyGo ≥ 0.35 ends _start with proc_exit(0): that is a successful initialisation.
            if (result.Trap is { } trap && !(trap.Kind == WasmTrapKind.Exit && trap.ExitCode == 0))
            {
                LogTrap(logger, guestName, name, trap.Detail);
                return InitFailure(name, trap);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _prepared?.Dispose();
        _linked.Dispose();
        _linked.Module.Dispose();
    }

    /// <summary>An unbound snapshot instance for the prepared pool; null when instantiation fails.</summary>
    private (IWasmInstance Instance, WapcInvocation State)? Prepare()
    {
        var state = new WapcInvocation(UnboundHostCalls.Instance, new WasiContext([], [], _time), static _ => { });
        var instance = _linked.Instantiate(state, new WasmInstanceOptions(_maxMemoryBytes, null)).Instance;
        return instance is null ? null : (instance, state);
    }

    private static WapcCallResult InitFailure(string step, WasmTrap trap) => trap.Kind == WasmTrapKind.Interrupted
        ? new WapcCallResult(WapcFailure.InitTimeout, default, $"Initialization failed: {step} init interrupted, execution deadline exceeded")
        : new WapcCallResult(WapcFailure.InitFailure, default, $"Initialization failed: {step}: {GuestTrapText.For(trap)}");

    private void ReportOutput(WasiContext wasi, string guestName)
    {
        if ((wasi.Stdout.WrittenCount > 0 || wasi.Stderr.WrittenCount > 0) && _logger.IsEnabled(LogLevel.Debug))
        {
            LogOutput(_logger, guestName, Encoding.UTF8.GetString(wasi.Stdout.WrittenSpan), Encoding.UTF8.GetString(wasi.Stderr.WrittenSpan));
        }
    }

    [LoggerMessage(EventId = EvaluationEventIds.GuestConsoleLog, EventName = nameof(EvaluationEventIds.GuestConsoleLog), Level = LogLevel.Information,
        Message = "Guest module {PolicyId}: {GuestMessage}")]
    private static partial void LogConsole(ILogger logger, string policyId, string guestMessage);

    [LoggerMessage(EventId = EvaluationEventIds.GuestTrapped, EventName = nameof(EvaluationEventIds.GuestTrapped), Level = LogLevel.Debug,
        Message = "Policy `{PolicyId}` trapped in `{Function}`: {TrapDetail}")]
    private static partial void LogTrap(ILogger logger, string policyId, string function, string trapDetail);

    [LoggerMessage(EventId = EvaluationEventIds.GuestOutput, EventName = nameof(EvaluationEventIds.GuestOutput), Level = LogLevel.Debug,
        Message = "Policy `{PolicyId}` wrote to stdout `{Stdout}` and stderr `{Stderr}`")]
    private static partial void LogOutput(ILogger logger, string policyId, string stdout, string stderr);
}
