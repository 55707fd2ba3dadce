;; Uses a binding other than kubewarden.
;; Calls __host_call("other", "net", "v1/dns_lookup_host", "\"example.com\"").
;; On success the host response is answered as the
;; policy's response; on failure the host error text becomes the guest error.
(module
  (import "wapc" "__host_call" (func $host_call (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wapc" "__host_response_len" (func $host_response_len (result i32)))
  (import "wapc" "__host_response" (func $host_response (param i32)))
  (import "wapc" "__host_error_len" (func $host_error_len (result i32)))
  (import "wapc" "__host_error" (func $host_error (param i32)))
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "other")
  (data (i32.const 16) "net")
  (data (i32.const 32) "v1/dns_lookup_host")
  (data (i32.const 64) "\"example.com\"")
  (func (export "__guest_call") (param i32 i32) (result i32)
    (local $length i32)
    (if (call $host_call (i32.const 0) (i32.const 5) (i32.const 16) (i32.const 3) (i32.const 32) (i32.const 18) (i32.const 64) (i32.const 13))
      (then
        (local.set $length (call $host_response_len))
        (call $host_response (i32.const 4096))
        (call $guest_response (i32.const 4096) (local.get $length))
        (return (i32.const 1))))
    (local.set $length (call $host_error_len))
    (call $host_error (i32.const 4096))
    (call $guest_error (i32.const 4096) (local.get $length))
    (i32.const 0)))
