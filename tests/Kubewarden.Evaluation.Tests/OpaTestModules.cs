using Wasmtime;

namespace Kubewarden.Evaluation.Tests;

/// <summary>Modules speaking the OPA Wasm ABI, built from <c>Policies/opa-abi.wat</c> with a chosen <c>eval</c>.</summary>
internal static class OpaTestModules
{
    /// <summary>eval answers the data document.</summary>
    public const string EchoData = "(local.set $value (local.get $data))";

    /// <summary>eval answers the input document.</summary>
    public const string EchoInput = "(local.set $value (local.get $input))";

    /// <summary>eval answers the constant.</summary>
    public const string Constant = "(local.set $value (i32.const 3072))";

    /// <summary>eval calls builtin 0 with the data document and answers its result.</summary>
    public const string BuiltinOfData = "(local.set $value (call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $data)))";

    /// <summary>eval calls builtin 0 with input and data; an undefined result (address 0) answers the constant.</summary>
    public const string BuiltinOfInputAndData =
        "(local.set $value (call $opa_builtin2 (i32.const 0) (i32.const 0) (local.get $input) (local.get $data)))" +
        " (if (i32.eqz (local.get $value)) (then (local.set $value (i32.const 3072))))";

    /// <summary>eval calls opa_abort, then traps as OPA's generated code does.</summary>
    public const string Abort = "(call $opa_abort (i32.const 2080)) (unreachable)";

    /// <summary>eval prints a line, then answers the data document.</summary>
    public const string PrintThenEchoData = "(call $opa_println (i32.const 2080)) (local.set $value (local.get $data))";

    /// <summary>eval never returns.</summary>
    public const string EndlessLoop = "(loop $forever (br $forever))";

    public const string MetadataFor = """{"protocolVersion":"Unknown","rules":[],"mutating":false,"executionMode":"MODE"}""";

    /// <summary>The module with <paramref name="eval"/> as the body of <c>eval</c>, without metadata.</summary>
    public static byte[] Bare(string eval, string builtins = "{}", string entrypoints = """{"main":0}""", string constant = "null")
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Policies", "opa-abi.wat"));
        var wat = template
            .Replace("\"BUILTINS\\00\"", Quote(builtins), StringComparison.Ordinal)
            .Replace("\"ENTRYPOINTS\\00\"", Quote(entrypoints), StringComparison.Ordinal)
            .Replace("\"CONSTANT\\00\"", Quote(constant), StringComparison.Ordinal)
            .Replace("    EVAL\n", $"    {eval}\n", StringComparison.Ordinal);
        return Module.ConvertText(wat);
    }

    /// <summary>The module annotated for <paramref name="mode"/> (<c>opa</c> or <c>gatekeeper</c>).</summary>
    public static byte[] Annotated(string mode, string eval, string builtins = "{}", string constant = "null") =>
        TestPolicies.WithMetadata(Bare(eval, builtins, constant: constant), MetadataFor.Replace("MODE", mode, StringComparison.Ordinal));

    private static string Quote(string json) => $"\"{json.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\\00\"";
}
