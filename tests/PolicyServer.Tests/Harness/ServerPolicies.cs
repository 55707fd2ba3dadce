using System.Globalization;
using System.Text;
using Kubewarden.Evaluation.Tests;

namespace Kubewarden.PolicyServer.Tests.Harness;

/// <summary>
/// Policies for a running server. The policy-server validates every policy's settings at load time, and the project's
/// engine-level test policies (<c>Policies/*.wat</c>) answer every operation alike, so they fail that check (which makes
/// them useful as broken policies). The modules here answer <c>validate_settings</c> (the only 17-byte operation name)
/// with <c>{"valid":true}</c> (or a given settings answer) and do the named thing on <c>validate</c>.
/// </summary>
internal static class ServerPolicies
{
    private const string ValidSettings = """{"valid":true}""";

    /// <summary>Answers <paramref name="validationResponse"/> (a ValidationResponse JSON) to every request.</summary>
    public static byte[] Answering(string validationResponse, string metadata = TestPolicies.WapcMetadata) =>
        Build(ValidSettings, $"(call $guest_response (i32.const 1024) (i32.const {Length(validationResponse)}))\n    (i32.const 1)", validationResponse, metadata);

    public static byte[] Accepting() => Answering("""{"accepted":true}""");

    public static byte[] Rejecting(string message, int code) =>
        Answering($$"""{"accepted":false,"message":"{{message}}","code":{{code.ToString(CultureInfo.InvariantCulture)}}}""");

    /// <summary>The mutated object of the project's <c>mutating.wat</c>: Pod <c>nginx</c> plus the label owner=kubewarden.</summary>
    public const string MutatedPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"owner":"kubewarden"},"name":"nginx"}}""";

    public static byte[] Mutating() => Answering($$"""{"accepted":true,"mutated_object":{{MutatedPod}}}""", TestPolicies.MutatingMetadata);

    /// <summary>Traps (<c>unreachable</c>) when asked to validate.</summary>
    public static byte[] Trapping() => Build(ValidSettings, "unreachable", "", TestPolicies.WapcMetadata);

    /// <summary>Never returns from <c>validate</c>.</summary>
    public static byte[] Looping() => Build(ValidSettings, "(loop $forever (br $forever))\n    (i32.const 0)", "", TestPolicies.WapcMetadata);

    /// <summary>Refuses any settings with <paramref name="message"/>.</summary>
    public static byte[] RejectingSettings(string message) =>
        Build($$"""{"valid":false,"message":"{{message}}"}""", "(call $guest_response (i32.const 1024) (i32.const 17))\n    (i32.const 1)", """{"accepted":true}""", TestPolicies.WapcMetadata);

    private static byte[] Build(string settingsResponse, string validateBody, string validateData, string metadata)
    {
        var wat = $$"""
            (module
              (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "{{Escape(settingsResponse)}}")
              (data (i32.const 1024) "{{Escape(validateData)}}")
              (func (export "__guest_call") (param $op_len i32) (param $payload_len i32) (result i32)
                (if (i32.eq (local.get $op_len) (i32.const 17))
                  (then
                    (call $guest_response (i32.const 0) (i32.const {{Length(settingsResponse)}}))
                    (return (i32.const 1))))
                {{validateBody}}))
            """;
        return TestPolicies.FromText(wat, metadata);
    }

    private static int Length(string text) => Encoding.UTF8.GetByteCount(text);

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            builder.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
