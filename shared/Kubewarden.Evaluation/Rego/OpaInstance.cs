using System.Text;
using Kubewarden.Wasm;

namespace Kubewarden.Evaluation.Rego;

/// <summary>
/// One instance of an OPA module seen through its ABI exports: JSON in through <c>opa_malloc</c> + <c>opa_json_parse</c>,
/// JSON out through <c>opa_json_dump</c>, evaluation through an <c>opa_eval_ctx</c>. A failed call throws
/// <see cref="OpaCallException"/>.
/// </summary>
internal sealed class OpaInstance(IWasmInstance instance)
{
    /// <summary>The exports every call here needs; a module lacking one is refused at load.</summary>
    public static readonly string[] RequiredExports =
    [
        "builtins", "entrypoints", "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_eval_ctx_new", "opa_eval_ctx_set_input",
        "opa_eval_ctx_set_data", "opa_eval_ctx_set_entrypoint", "opa_eval_ctx_get_result", "opa_json_dump", "opa_malloc",
        "opa_json_parse", "eval",
    ];

    public IWasmInstance Wasm => instance;

    /// <summary>Parses <paramref name="json"/> inside the guest; returns the address of the value.</summary>
    public int PushJson(ReadOnlySpan<byte> json)
    {
        var address = Call("opa_malloc", json.Length);
        json.CopyTo(instance.GetMemory((uint)address, (uint)json.Length));
        var value = Call("opa_json_parse", address, json.Length);
        return value != 0 ? value : throw new OpaCallException("Rego wasm error: opa_json_parse could not parse the JSON it was given");
    }

    /// <summary>Serializes the guest value at <paramref name="address"/> to JSON.</summary>
    public byte[] DumpJson(int address) => ReadString(Call("opa_json_dump", address)).ToArray();

    /// <summary>Runs the entrypoint on input and data already pushed; returns the result set as JSON.</summary>
    public byte[] Evaluate(int entrypoint, int input, int data)
    {
        var context = Call("opa_eval_ctx_new");
        Call("opa_eval_ctx_set_input", context, input);
        Call("opa_eval_ctx_set_data", context, data);
        Call("opa_eval_ctx_set_entrypoint", context, entrypoint);
        Call("eval", context);
        return DumpJson(Call("opa_eval_ctx_get_result", context));
    }

    /// <summary>The JSON a parameterless export (<c>builtins</c>, <c>entrypoints</c>) returns.</summary>
    public byte[] DumpExport(string name) => DumpJson(Call(name));

    /// <summary>The NUL-terminated string at <paramref name="address"/>.</summary>
    public ReadOnlySpan<byte> ReadString(int address)
    {
        var size = instance.MemorySize;
        if (address <= 0 || address >= size)
        {
            throw new OpaCallException($"the module returned the string address {address}, outside its memory of {size} bytes");
        }

        var tail = instance.GetMemory((uint)address, (uint)(size - address));
        var end = tail.IndexOf((byte)0);
        return end >= 0 ? tail[..end] : throw new OpaCallException($"the string at {address} has no terminating NUL before the end of memory");
    }

    /// <summary>Reads a NUL-terminated message (<c>opa_abort</c>, <c>opa_println</c>) for logs, never failing.</summary>
    public string ReadMessage(int address)
    {
        try
        {
            return Encoding.UTF8.GetString(ReadString(address));
        }
        catch (Exception e) when (e is OpaCallException or WasmHostTrapException)
        {
            return $"<unreadable message at {address}: {e.Message}>";
        }
    }

    private int Call(string export, params ReadOnlySpan<long> arguments)
    {
        var function = instance.GetFunction(export) ?? throw new OpaCallException($"the module does not export `{export}`");
        var result = function.Call(arguments);
        return result.Trap is { } trap
            ? throw new OpaCallException(
                trap.Kind == WasmTrapKind.Interrupted ? GuestTrapText.Interrupted : $"wasm engine error: error invoking {export} function: {GuestTrapText.For(trap)}",
                trap)
            : (int)result.Value;
    }
}
