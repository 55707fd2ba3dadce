using System.Collections.Concurrent;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;
using Kubewarden.Evaluation.Rego;
using Kubewarden.Evaluation.Snapshot;
using Kubewarden.Evaluation.Wapc;
using Kubewarden.Evaluation.Wasi;
using Kubewarden.Wasm;
using Kubewarden.Wasm.Binary;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation;

/// <summary>
/// Turns modules into <see cref="PolicyEvaluator"/>s: reads and checks metadata, compiles each distinct module once
/// (many policy ids may share it with different settings), and prepares it for its execution mode.
/// </summary>
public sealed partial class PolicyLoader : IDisposable
{
    private static readonly TimeSpan SnapshotInitTimeout = TimeSpan.FromSeconds(10);

    private readonly IWasmEngine _engine;
    private readonly HostCapabilityDispatcher _dispatcher;
    private readonly EvaluationOptions _options;
    private readonly TimeProvider _time;
    private readonly IRegoInventorySource? _inventories;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Digest, ExecutionMode Mode), Lazy<IPolicyRuntime>> _runtimes = new();

    /// <summary>
    /// Creates a loader over <paramref name="engine"/>; <paramref name="inventories"/> feeds context-aware Rego policies
    /// (without it they answer that the callback channel is not set, as Kubewarden does).
    /// </summary>
    public PolicyLoader(
        IWasmEngine engine, HostCapabilityDispatcher dispatcher, EvaluationOptions options, ILoggerFactory loggerFactory, TimeProvider time,
        IRegoInventorySource? inventories = null)
    {
        _inventories = inventories;
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _engine = engine;
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<PolicyLoader>();
        LogCompatibility(_logger, KubewardenCompatibility.Version.ToString(), engine.Version);
    }

    /// <summary>Loads one policy.</summary>
    /// <exception cref="PolicyLoadException">The module or the definition is unusable; the message names the policy and the problem.</exception>
    public PolicyEvaluator Load(PolicyDefinition definition, ReadOnlyMemory<byte> module)
    {
        ArgumentNullException.ThrowIfNull(definition);
        try
        {
            var allowList = HostCapabilityAllowList.Parse(definition.HostCapabilities);
            var metadata = PolicyMetadataReader.Read(module);
            var mode = definition.ExecutionMode ?? ModeFromMetadata(metadata);
            var digest = WasmArtifactCache.ComputeDigest(module.Span);
            var runtime = _runtimes.GetOrAdd((digest, mode), key => new Lazy<IPolicyRuntime>(() => Prepare(module, key.Mode, definition.Id))).Value;
            var context = new PolicyContext(definition.Id, allowList, definition.ContextAwareResources);
            var evaluator = new PolicyEvaluator(
                context, mode, metadata, digest, runtime, _dispatcher.ForPolicy(context), PolicyEvaluator.SerializeSettings(definition.Settings), definition.Timeout ?? _options.DefaultTimeout);
            LogLoaded(_logger, definition.Id, ExecutionModes.NameOf(mode), digest);
            return evaluator;
        }
        catch (Exception e) when (e is PolicyLoadException or WasmFormatException or WasmCompileException or WasmLinkException)
        {
            LogLoadFailed(_logger, definition.Id, e.Message);
            throw new PolicyLoadException($"policy `{definition.Id}`: {e.Message}", e);
        }
    }

    /// <summary>
    /// Prepares a generic waPC guest (no Kubewarden metadata or protocol checks), e.g. the waPC project's test guests.
    /// </summary>
    public WapcGuest LoadWapcGuest(ReadOnlyMemory<byte> module, string name) => PrepareWapc(module, name);

    /// <summary>
    /// Prepares a Rego module for direct use of the OPA ABI (any entrypoint, caller-built input and data), as
    /// <c>opa eval</c>-style tools do; admission policies go through <see cref="Load"/>.
    /// </summary>
    /// <exception cref="PolicyLoadException">Not an OPA module, or it needs builtins the host does not implement.</exception>
    public OpaGuest LoadOpaModule(ReadOnlyMemory<byte> module) => PrepareOpa(module);

    /// <summary>
    /// Frees every prepared module that none of <paramref name="inUse"/> evaluates with. Call it only when no
    /// evaluation can still reach the others (e.g. after a policy set swap, once the old set has drained) and while no
    /// other load runs.
    /// </summary>
    /// <returns>How many modules were freed.</returns>
    public int RetainOnly(IEnumerable<PolicyEvaluator> inUse)
    {
        var keep = inUse.Select(e => (e.ModuleDigest, e.Mode)).ToHashSet();
        var freed = 0;
        foreach (var key in _runtimes.Keys.Where(k => !keep.Contains(k)).ToArray())
        {
            if (_runtimes.TryRemove(key, out var runtime) && runtime.IsValueCreated)
            {
                runtime.Value.Dispose();
                freed++;
            }
        }

        return freed;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values.Where(r => r.IsValueCreated))
        {
            runtime.Value.Dispose();
        }
    }

    private static ExecutionMode ModeFromMetadata(PolicyMetadata? metadata)
    {
        if (metadata is null)
        {
            throw new PolicyLoadException("Policy is missing protocol version, which is required for KubewardenWapc execution mode");
        }

        if (!ExecutionModes.TryParse(metadata.ExecutionMode, out var mode))
        {
            throw new PolicyLoadException(
                $"the metadata executionMode `{metadata.ExecutionMode}` is unknown; expected kubewarden-wapc, wasi, opa or gatekeeper");
        }

        if (mode == ExecutionMode.KubewardenWapc)
        {
            switch (metadata.ProtocolVersion)
            {
                case null:
                    throw new PolicyLoadException("Policy is missing protocol version, which is required for KubewardenWapc execution mode");
                case not "v1":
                    throw new PolicyLoadException($"Policy uses protocol version {metadata.ProtocolVersion} but only V1 is supported");
            }
        }

        CheckMinimumVersion(metadata.MinimumKubewardenVersion);
        return mode;
    }

    private static void CheckMinimumVersion(string? required)
    {
        if (required is null)
        {
            return;
        }

        var core = required.Split('-', '+')[0];
        if (!Version.TryParse(core, out var version) || version.Build < 0)
        {
            throw new PolicyLoadException($"the metadata minimumKubewardenVersion `{required}` is not a semantic version such as 1.36.0");
        }

        var running = KubewardenCompatibility.Version;
        if (version.Major > running.Major || (version.Major == running.Major && version.Minor > running.Minor))
        {
            throw new PolicyLoadException($"Policy required Kubewarden version {required} but is running on {running}");
        }
    }

    private IPolicyRuntime Prepare(ReadOnlyMemory<byte> module, ExecutionMode mode, string policyId) => mode switch
    {
        ExecutionMode.KubewardenWapc => new WapcPolicyRuntime(PrepareWapc(module, policyId)),
        ExecutionMode.Wasi => new WasiPolicyRuntime(PrepareWasi(module)),
        ExecutionMode.Opa or ExecutionMode.Gatekeeper => new RegoPolicyRuntime(PrepareOpa(module), mode, _inventories),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private WapcGuest PrepareWapc(ReadOnlyMemory<byte> module, string name)
    {
        var compiled = _engine.Compile(module);
        if (!compiled.Exports.Any(e => e is { Name: "__guest_call", Kind: WasmExternKind.Function }))
        {
            compiled.Dispose();
            throw new PolicyLoadException("Guest call function (__guest_call) not exported by wasm module.");
        }

        if (_options.SnapshotInitializedModules)
        {
            var attempt = Snapshot(module);
            if (attempt.Module is { } snapshot)
            {
                compiled.Dispose();
                LogSnapshotCreated(_logger, name, snapshot.Length);
                return new WapcGuest(LinkOrDispose(_engine.Compile(snapshot), WapcGuest.HostFunctions), startsInitialized: true, _options.MaxMemoryBytes, _options.PreparedInstancesPerModule, _time, _logger);
            }

            LogSnapshotUnavailable(_logger, name, attempt.Reason!);
        }

        return new WapcGuest(LinkOrDispose(compiled, WapcGuest.HostFunctions), startsInitialized: false, _options.MaxMemoryBytes, 0, _time, _logger);
    }

    private OpaGuest PrepareOpa(ReadOnlyMemory<byte> module) =>
        OpaGuest.Prepare(_engine, module, _options.MaxMemoryBytes, _options.DefaultTimeout ?? SnapshotInitTimeout, _options.PreparedInstancesPerModule, _time, _logger);

    /// <summary>The module's snapshot from a previous start, or a new one (stored for the next start).</summary>
    private SnapshotAttempt Snapshot(ReadOnlyMemory<byte> module)
    {
        var digest = WasmArtifactCache.ComputeDigest(module.Span);
        var files = new SnapshotFiles(_options.SnapshotDirectory, _engine.Name);
        if (files.TryRead(digest) is { } stored)
        {
            return SnapshotAttempt.Created(stored);
        }

        var attempt = new WapcSnapshotter(_engine, _time).TryCreate(module, _options.DefaultTimeout ?? SnapshotInitTimeout);
        if (attempt.Module is { } snapshot)
        {
            files.TryWrite(digest, snapshot);
        }

        return attempt;
    }

    private WasiGuest PrepareWasi(ReadOnlyMemory<byte> module)
    {
        var compiled = _engine.Compile(module);
        if (!compiled.Exports.Any(e => e is { Name: "_start", Kind: WasmExternKind.Function }))
        {
            compiled.Dispose();
            throw new PolicyLoadException("the module does not export `_start`, which the wasi execution mode runs");
        }

        return new WasiGuest(LinkOrDispose(compiled, WasiGuest.HostFunctions), _options.MaxMemoryBytes, _time);
    }

    private static IWasmLinkedModule LinkOrDispose(IWasmModule compiled, IReadOnlyList<WasmHostFunction> hostFunctions)
    {
        try
        {
            return compiled.Link(hostFunctions);
        }
        catch
        {
            compiled.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = EvaluationEventIds.Compatibility, EventName = nameof(EvaluationEventIds.Compatibility), Level = LogLevel.Information,
        Message = "Evaluating policies as Kubewarden {KubewardenVersion} (checked against their minimumKubewardenVersion) on {EngineVersion}")]
    private static partial void LogCompatibility(ILogger logger, string kubewardenVersion, string engineVersion);

    [LoggerMessage(EventId = EvaluationEventIds.PolicyLoaded, EventName = nameof(EvaluationEventIds.PolicyLoaded), Level = LogLevel.Information,
        Message = "Policy `{PolicyId}` loaded: execution mode {ExecutionMode}, module sha256:{ModuleDigest}")]
    private static partial void LogLoaded(ILogger logger, string policyId, string executionMode, string moduleDigest);

    [LoggerMessage(EventId = EvaluationEventIds.PolicyLoadFailed, EventName = nameof(EvaluationEventIds.PolicyLoadFailed), Level = LogLevel.Error,
        Message = "Policy `{PolicyId}` cannot be loaded: {Problem}")]
    private static partial void LogLoadFailed(ILogger logger, string policyId, string problem);

    [LoggerMessage(EventId = EvaluationEventIds.SnapshotCreated, EventName = nameof(EvaluationEventIds.SnapshotCreated), Level = LogLevel.Debug,
        Message = "Policy `{PolicyId}`: module snapshotted after initialisation ({SnapshotBytes} bytes); evaluations start initialised")]
    private static partial void LogSnapshotCreated(ILogger logger, string policyId, int snapshotBytes);

    [LoggerMessage(EventId = EvaluationEventIds.SnapshotUnavailable, EventName = nameof(EvaluationEventIds.SnapshotUnavailable), Level = LogLevel.Information,
        Message = "Policy `{PolicyId}`: no snapshot after initialisation ({Reason}); every evaluation runs _start/wapc_init first")]
    private static partial void LogSnapshotUnavailable(ILogger logger, string policyId, string reason);
}
