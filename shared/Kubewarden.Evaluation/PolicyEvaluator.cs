using System.Text.Json;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Evaluation.Metadata;

namespace Kubewarden.Evaluation;

/// <summary>
/// One loaded policy: its module prepared for its execution mode, its settings and grants. Thread-safe: every
/// evaluation runs in its own fresh instance.
/// </summary>
public sealed class PolicyEvaluator
{
    private readonly IPolicyRuntime _runtime;
    private readonly IHostCallHandler _hostCalls;
    private readonly byte[] _settings;

    internal PolicyEvaluator(PolicyContext context, ExecutionMode mode, PolicyMetadata? metadata, string moduleDigest, IPolicyRuntime runtime, IHostCallHandler hostCalls, byte[] settings, TimeSpan? timeout)
    {
        Context = context;
        ModuleDigest = moduleDigest;
        Mode = mode;
        Metadata = metadata;
        _runtime = runtime;
        _hostCalls = hostCalls;
        _settings = settings;
        Timeout = timeout;
    }

    /// <summary>The policy id and grants.</summary>
    public PolicyContext Context { get; }

    /// <summary>The policy id.</summary>
    public string Id => Context.PolicyId;

    /// <summary>SHA-256 of the module, lowercase hex.</summary>
    public string ModuleDigest { get; }

    /// <summary>The execution mode in use.</summary>
    public ExecutionMode Mode { get; }

    /// <summary>The module's metadata, when it has some.</summary>
    public PolicyMetadata? Metadata { get; }

    /// <summary>The deadline of each call; null = none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The settings as the policy receives them (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Settings => _settings;

    /// <summary>Evaluates a request; every failure is a verdict, nothing is thrown.</summary>
    public PolicyVerdict Validate(ValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _runtime.Validate(request, request.ToPayload(_settings), _hostCalls, Timeout, Context);
    }

    /// <summary>Evaluates a payload built by the caller (conformance tests and kwctl-style tools).</summary>
    public PolicyVerdict ValidatePayload(ValidationRequest request, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _runtime.Validate(request, payload, _hostCalls, Timeout, Context);
    }

    /// <summary>Asks the policy whether its configured settings are valid.</summary>
    public SettingsVerdict ValidateSettings() => ValidateSettings(_settings);

    /// <summary>Asks the policy whether <paramref name="settings"/> (UTF-8 JSON) are valid.</summary>
    public SettingsVerdict ValidateSettings(ReadOnlySpan<byte> settings) => _runtime.ValidateSettings(settings, _hostCalls, Timeout, Context);

    /// <summary>Calls another operation of the guest (waPC operation, or WASI argv action), e.g. <c>protocol_version</c>.</summary>
    public GuestCallResult Call(string operation, ReadOnlySpan<byte> payload) => _runtime.Call(operation, payload, _hostCalls, Timeout, Context);

    /// <summary>The settings JSON a policy receives: <c>{}</c> when absent or null.</summary>
    internal static byte[] SerializeSettings(JsonElement? settings) =>
        settings is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value
            ? Admission.SortedJsonWriter.ToUtf8Json(value)
            : "{}"u8.ToArray();
}
