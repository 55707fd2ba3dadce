using System.Globalization;
using System.Text;

namespace Kubewarden.Evaluation.Tests;

/// <summary>What the <see cref="HostCallPolicy"/> does with the host's answer.</summary>
public enum HostCallPolicyAnswer
{
    /// <summary>
    /// Rejects with the answer as the message, escaped as a JSON string: code 200 when the host call succeeded,
    /// 500 with the host error text when it failed. Tests read the exact answer back from the message.
    /// </summary>
    Echo,

    /// <summary>Reads every byte of the answer (a checksum loop), then accepts; a failed host call rejects with the error.</summary>
    Scan,

    /// <summary>Copies the answer into guest memory and accepts without reading it: the host's part of a call, alone.</summary>
    Receive,
}

/// <summary>
/// A waPC test policy (WAT) that makes one host call, fixed when the module is built: binding <c>kubewarden</c>,
/// the given namespace, operation and JSON payload. <c>validate_settings</c> answers valid without a host call.
/// </summary>
public static class HostCallPolicy
{
    private const int PayloadOffset = 1024;
    private const int PageSize = 65536;

    /// <summary>The module text for one host call.</summary>
    public static string Wat(string @namespace, string operation, string payloadJson, HostCallPolicyAnswer answer = HostCallPolicyAnswer.Echo)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var ns = Encoding.UTF8.GetByteCount(@namespace);
        var op = Encoding.UTF8.GetByteCount(operation);
        var payload = Encoding.UTF8.GetByteCount(payloadJson);
        if (ns > 32 || op > 64)
        {
            throw new ArgumentException("the namespace must fit in 32 bytes and the operation in 64");
        }

        var input = ((PayloadOffset + payload) / PageSize + 1) * PageSize;
        var pages = input / PageSize + 1;
        var handle = answer switch
        {
            HostCallPolicyAnswer.Echo => "(call $echo (local.get $ok) (local.get $length))",
            HostCallPolicyAnswer.Scan => "(call $scan (local.get $ok) (local.get $length))",
            _ => "(call $take (local.get $ok) (local.get $length))",
        };
        return Template
            .Replace("@NS_LEN@", Num(ns), StringComparison.Ordinal)
            .Replace("@OP_LEN@", Num(op), StringComparison.Ordinal)
            .Replace("@PAYLOAD_LEN@", Num(payload), StringComparison.Ordinal)
            .Replace("@NS@", Escape(@namespace), StringComparison.Ordinal)
            .Replace("@OP@", Escape(operation), StringComparison.Ordinal)
            .Replace("@PAYLOAD@", Escape(payloadJson), StringComparison.Ordinal)
            .Replace("@INPUT@", Num(input), StringComparison.Ordinal)
            .Replace("@PAGES@", Num(pages), StringComparison.Ordinal)
            .Replace("@HANDLE@", handle, StringComparison.Ordinal);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>WAT string literal bytes: every byte hex-escaped, so any UTF-8 text survives.</summary>
    private static string Escape(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b => "\\" + b.ToString("x2", CultureInfo.InvariantCulture)));

    private const string Template = """
        (module
          (import "wapc" "__host_call" (func $host_call (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wapc" "__host_response_len" (func $host_response_len (result i32)))
          (import "wapc" "__host_response" (func $host_response (param i32)))
          (import "wapc" "__host_error_len" (func $host_error_len (result i32)))
          (import "wapc" "__host_error" (func $host_error (param i32)))
          (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
          (memory (export "memory") @PAGES@)
          (data (i32.const 0) "kubewarden")
          (data (i32.const 16) "@NS@")
          (data (i32.const 48) "@OP@")
          (data (i32.const 128) "{\"accepted\":false,\"code\":200,\"message\":\"")
          (data (i32.const 192) "{\"accepted\":false,\"code\":500,\"message\":\"")
          (data (i32.const 256) "{\"valid\":true}")
          (data (i32.const 272) "{\"accepted\":true}")
          (data (i32.const 304) "0123456789abcdef")
          (data (i32.const 1024) "@PAYLOAD@")

          (func $ensure (param $end i32)
            (local $have i32)
            (local.set $have (i32.mul (memory.size) (i32.const 65536)))
            (if (i32.gt_u (local.get $end) (local.get $have))
              (then (drop (memory.grow (i32.add (i32.div_u (i32.sub (local.get $end) (local.get $have)) (i32.const 65536)) (i32.const 1)))))))

          ;; $room: the bytes needed after the input (the answer alone, or the answer plus its escaped copy).
          (func $receive (param $ok i32) (param $length i32) (param $room i32)
            (call $ensure (i32.add (i32.const @INPUT@) (i32.add (local.get $room) (i32.const 64))))
            (if (local.get $ok)
              (then (call $host_response (i32.const @INPUT@)))
              (else (call $host_error (i32.const @INPUT@)))))

          (func $echo (param $ok i32) (param $length i32)
            (local $in i32) (local $end i32) (local $out i32) (local $start i32) (local $byte i32)
            (call $receive (local.get $ok) (local.get $length) (i32.mul (local.get $length) (i32.const 7)))
            (local.set $in (i32.const @INPUT@))
            (local.set $end (i32.add (local.get $in) (local.get $length)))
            (local.set $start (local.get $end))
            (memory.copy (local.get $start) (select (i32.const 128) (i32.const 192) (local.get $ok)) (i32.const 40))
            (local.set $out (i32.add (local.get $start) (i32.const 40)))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $in) (local.get $end)))
                (local.set $byte (i32.load8_u (local.get $in)))
                (if (i32.or (i32.eq (local.get $byte) (i32.const 34)) (i32.eq (local.get $byte) (i32.const 92)))
                  (then
                    (i32.store8 (local.get $out) (i32.const 92))
                    (i32.store8 offset=1 (local.get $out) (local.get $byte))
                    (local.set $out (i32.add (local.get $out) (i32.const 2))))
                  (else
                    (if (i32.lt_u (local.get $byte) (i32.const 32))
                      (then
                        (i32.store (local.get $out) (i32.const 0x3030755c))
                        (i32.store8 offset=4 (local.get $out) (i32.load8_u offset=304 (i32.shr_u (local.get $byte) (i32.const 4))))
                        (i32.store8 offset=5 (local.get $out) (i32.load8_u offset=304 (i32.and (local.get $byte) (i32.const 15))))
                        (local.set $out (i32.add (local.get $out) (i32.const 6))))
                      (else
                        (i32.store8 (local.get $out) (local.get $byte))
                        (local.set $out (i32.add (local.get $out) (i32.const 1)))))))
                (local.set $in (i32.add (local.get $in) (i32.const 1)))
                (br $next)))
            (i32.store16 (local.get $out) (i32.const 0x7d22))
            (call $guest_response (local.get $start) (i32.add (i32.sub (local.get $out) (local.get $start)) (i32.const 2))))

          (func $scan (param $ok i32) (param $length i32)
            (local $in i32) (local $end i32) (local $sum i32)
            (if (i32.eqz (local.get $ok))
              (then (call $echo (local.get $ok) (local.get $length)) (return)))
            (call $receive (local.get $ok) (local.get $length) (local.get $length))
            (local.set $in (i32.const @INPUT@))
            (local.set $end (i32.add (local.get $in) (local.get $length)))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $in) (local.get $end)))
                (local.set $sum (i32.add (i32.rotl (local.get $sum) (i32.const 5)) (i32.load8_u (local.get $in))))
                (local.set $in (i32.add (local.get $in) (i32.const 1)))
                (br $next)))
            (if (i32.eq (local.get $sum) (i32.const -1))
              (then (call $guest_response (i32.const 128) (i32.const 40)))
              (else (call $guest_response (i32.const 272) (i32.const 17)))))

          (func $take (param $ok i32) (param $length i32)
            (if (i32.eqz (local.get $ok))
              (then (call $echo (local.get $ok) (local.get $length)) (return)))
            (call $receive (local.get $ok) (local.get $length) (local.get $length))
            (call $guest_response (i32.const 272) (i32.const 17)))

          (func (export "__guest_call") (param $operation i32) (param $payload i32) (result i32)
            (local $ok i32) (local $length i32)
            (if (i32.eq (local.get $operation) (i32.const 17))
              (then (call $guest_response (i32.const 256) (i32.const 14)) (return (i32.const 1))))
            (local.set $ok (call $host_call (i32.const 0) (i32.const 10) (i32.const 16) (i32.const @NS_LEN@)
              (i32.const 48) (i32.const @OP_LEN@) (i32.const 1024) (i32.const @PAYLOAD_LEN@)))
            (local.set $length (select (call $host_response_len) (call $host_error_len) (local.get $ok)))
            @HANDLE@
            (i32.const 1)))
        """;
}
