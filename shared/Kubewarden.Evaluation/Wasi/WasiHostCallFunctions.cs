using System.Text;
using Kubewarden.Evaluation.HostCapabilities;
using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Wasi;

/// <summary>
/// <c>host.call</c> and Javy's <c>kubewarden:javy/host.call</c> for WASI-mode policies. The answer (or the error text)
/// is appended to stdin for the guest to read to EOF; the return code is inverted relative to waPC: 0 = success.
/// </summary>
internal static class WasiHostCallFunctions
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<WasmHostFunction> All { get; } =
    [
        Create("host"),
        Create("kubewarden:javy/host"),
    ];

    private static WasmHostFunction Create(string module) =>
        new(module, "call", Enumerable.Repeat(WasmValueKind.I32, 8).ToArray(), WasmValueKind.I32, Call);

    private static long Call(IWasmCaller caller, ReadOnlySpan<long> a)
    {
        var state = (WasiInvocation)caller.HostState!;
        var result = state.HostCalls.Call(
            ReadString(caller, a[0], a[1]),
            ReadString(caller, a[2], a[3]),
            ReadString(caller, a[4], a[5]),
            caller.GetMemory((uint)a[6], (uint)a[7]));
        state.Wasi.AppendStdin(result.Payload.Span);
        return result.Succeeded ? 0 : 1;
    }

    private static string ReadString(IWasmCaller caller, long address, long length)
    {
        try
        {
            return StrictUtf8.GetString(caller.GetMemory((uint)address, (uint)length));
        }
        catch (DecoderFallbackException)
        {
            throw new WasmHostTrapException("host.call: the guest passed bytes that are not valid UTF-8");
        }
    }
}
