using System.Text.Json;
using System.Text.Json.Nodes;
using Kubewarden.Rego.Builtins;
using Kubewarden.Wasm;
using Microsoft.Extensions.Logging;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// The functions an OPA module imports from <c>env</c>: <c>opa_abort</c>, <c>opa_println</c> and <c>opa_builtin0..4</c>,
/// which dispatch to the host builtins. A builtin reads its arguments by calling back into the guest
/// (<c>opa_json_dump</c>) and hands its result over the same way (<c>opa_malloc</c> + <c>opa_json_parse</c>).
/// </summary>
internal static partial class OpaHostFunctions
{
    private const WasmValueKind I32 = WasmValueKind.I32;

    public static IReadOnlyList<WasmHostFunction> All { get; } =
    [
        new("env", "opa_abort", [I32], null, Abort),
        new("env", "opa_println", [I32], null, Println),
        new("env", "opa_builtin0", [I32, I32], I32, Builtin),
        new("env", "opa_builtin1", [I32, I32, I32], I32, Builtin),
        new("env", "opa_builtin2", [I32, I32, I32, I32], I32, Builtin),
        new("env", "opa_builtin3", [I32, I32, I32, I32, I32], I32, Builtin),
        new("env", "opa_builtin4", [I32, I32, I32, I32, I32, I32], I32, Builtin),
    ];

    private static long Abort(IWasmCaller caller, ReadOnlySpan<long> arguments)
    {
        var (invocation, instance) = Resolve(caller);
        var message = instance.ReadMessage((int)arguments[0]);
        LogAbort(invocation.Logger, invocation.PolicyId, message);
        throw new WasmHostTrapException($"Rego wasm error: opa_abort: {message}");
    }

    private static long Println(IWasmCaller caller, ReadOnlySpan<long> arguments)
    {
        var (invocation, instance) = Resolve(caller);
        LogPrintln(invocation.Logger, invocation.PolicyId, instance.ReadMessage((int)arguments[0]));
        return 0;
    }

    private static long Builtin(IWasmCaller caller, ReadOnlySpan<long> arguments)
    {
        var (invocation, instance) = Resolve(caller);
        var id = (int)arguments[0];
        if (!invocation.Module.BuiltinsById.TryGetValue(id, out var builtin))
        {
            throw new WasmHostTrapException($"Builtin not implemented: opa_builtin{arguments.Length - 2}: the module calls builtin id {id}, which its builtins export does not list");
        }

        try
        {
            var values = new JsonNode?[arguments.Length - 2];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = JsonNode.Parse(instance.DumpJson((int)arguments[i + 2]));
            }

            var result = builtin.Function(invocation.Builtins!, values);
            if (RegoBuiltins.IsUndefined(result))
            {
                // The compiled policy treats a null address as an undefined result.
                return 0;
            }

            return instance.PushJson(JsonSerializer.SerializeToUtf8Bytes(result, RegoJsonContext.Default.JsonNode));
        }
        catch (RegoBuiltinException e)
        {
            throw new WasmHostTrapException($"Builtin error [{JsonSerializer.Serialize(builtin.Name, RegoJsonContext.Default.String)}]: {JsonSerializer.Serialize(e.Message, RegoJsonContext.Default.String)}");
        }
        catch (OpaCallException e)
        {
            throw new WasmHostTrapException(e.Message, e.Trap?.Kind ?? WasmTrapKind.Host);
        }
    }

    private static (OpaInvocation Invocation, OpaInstance Instance) Resolve(IWasmCaller caller)
    {
        var invocation = (OpaInvocation)caller.HostState!;
        return (invocation, invocation.Instance ?? throw new WasmHostTrapException("Rego wasm error: the module called the host while it was being instantiated"));
    }

    [LoggerMessage(EventId = EvaluationEventIds.OpaAbort, EventName = nameof(EvaluationEventIds.OpaAbort), Level = LogLevel.Error,
        Message = "Policy `{PolicyId}` aborted: {GuestMessage}")]
    private static partial void LogAbort(ILogger logger, string policyId, string guestMessage);

    [LoggerMessage(EventId = EvaluationEventIds.OpaPrintln, EventName = nameof(EvaluationEventIds.OpaPrintln), Level = LogLevel.Information,
        Message = "Policy `{PolicyId}` printed: {GuestMessage}")]
    private static partial void LogPrintln(ILogger logger, string policyId, string guestMessage);
}
