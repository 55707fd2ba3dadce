using System.Text;
using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Wapc;

/// <summary>The nine <c>wapc</c> imports, reading and writing the state of the current <see cref="WapcInvocation"/>.</summary>
internal static class WapcHostFunctions
{
    public const string Module = "wapc";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<WasmHostFunction> All { get; } =
    [
        Function("__guest_request", 2, false, GuestRequest),
        Function("__guest_response", 2, false, static (c, a) =>
        {
            State(c).GuestResponse = c.GetMemory((uint)a[0], (uint)a[1]).ToArray();
            return 0;
        }),
        Function("__guest_error", 2, false, static (c, a) =>
        {
            State(c).GuestError = ReadString(c, a[0], a[1], "__guest_error");
            return 0;
        }),
        Function("__host_call", 8, true, HostCall),
        Function("__host_response_len", 0, true, static (c, _) => State(c).HostResponse?.Length ?? 0),
        Function("__host_response", 1, false, static (c, a) => CopyOut(c, a[0], State(c).HostResponse)),
        Function("__host_error_len", 0, true, static (c, _) => State(c).HostError?.Length ?? 0),
        Function("__host_error", 1, false, static (c, a) => CopyOut(c, a[0], State(c).HostError)),
        Function("__console_log", 2, false, static (c, a) =>
        {
            State(c).ConsoleLog(ReadString(c, a[0], a[1], "__console_log"));
            return 0;
        }),
    ];

    private static WasmHostFunction Function(string name, int parameters, bool returnsValue, WasmHostCallback callback) =>
        new(Module, name, Enumerable.Repeat(WasmValueKind.I32, parameters).ToArray(), returnsValue ? WasmValueKind.I32 : null, callback);

    private static WapcInvocation State(IWasmCaller caller) => (WapcInvocation)caller.HostState!;

    private static long GuestRequest(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        var state = State(caller);
        state.Payload.Span.CopyTo(caller.GetMemory((uint)a[1], (uint)state.Payload.Length));
        state.Operation.CopyTo(caller.GetMemory((uint)a[0], (uint)state.Operation.Length));
        return 0;
    }

    private static long HostCall(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        var state = State(caller);
        var binding = ReadString(caller, a[0], a[1], "__host_call binding");
        var @namespace = ReadString(caller, a[2], a[3], "__host_call namespace");
        var operation = ReadString(caller, a[4], a[5], "__host_call operation");
        var payload = caller.GetMemory((uint)a[6], (uint)a[7]).ToArray();
        state.HostResponse = null;
        state.HostError = null;
        var result = state.HostCalls.Call(binding, @namespace, operation, payload);
        if (result.Succeeded)
        {
            state.HostResponse = result.Payload;
            return 1;
        }

        state.HostError = result.Payload;
        return 0;
    }

    private static long CopyOut(IWasmCaller caller, long address, ReadOnlyMemory<byte>? data)
    {
        if (data is { } bytes)
        {
            bytes.Span.CopyTo(caller.GetMemory((uint)address, (uint)bytes.Length));
        }

        return 0;
    }

    private static string ReadString(IWasmCaller caller, long address, long length, string what)
    {
        try
        {
            return StrictUtf8.GetString(caller.GetMemory((uint)address, (uint)length));
        }
        catch (DecoderFallbackException)
        {
            throw new WasmHostTrapException($"{what}: the guest passed bytes that are not valid UTF-8");
        }
    }
}
