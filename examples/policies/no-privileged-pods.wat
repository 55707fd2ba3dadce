;; A small Kubewarden waPC policy written by hand: rejects any request whose object asks for a privileged container
;; (the compact request JSON contains "privileged":true). Settings are accepted as they are.
(module
  (import "wapc" "__guest_request" (func $guest_request (param i32 i32)))
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "\"privileged\":true")
  (data (i32.const 320) "{\"accepted\":false,\"message\":\"privileged containers are not allowed\"}")
  (data (i32.const 448) "{\"accepted\":true}")
  (data (i32.const 480) "{\"valid\":true}")
  (data (i32.const 512) "\"v1\"")
  (data (i32.const 544) "unknown operation")
  (global $payload i32 (i32.const 1024))

  ;; Does memory[start, start+length) contain the 17-byte pattern at 256?
  (func $contains_privileged (param $start i32) (param $length i32) (result i32)
    (local $i i32) (local $j i32)
    (block $not_found
      (loop $outer
        (br_if $not_found (i32.gt_s (i32.add (local.get $i) (i32.const 17)) (local.get $length)))
        (local.set $j (i32.const 0))
        (block $mismatch
          (loop $inner
            (br_if $mismatch
              (i32.ne
                (i32.load8_u (i32.add (i32.add (local.get $start) (local.get $i)) (local.get $j)))
                (i32.load8_u (i32.add (i32.const 256) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (if (i32.eq (local.get $j) (i32.const 17)) (then (return (i32.const 1))))
            (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (i32.const 0))

  (func (export "__guest_call") (param $op_len i32) (param $payload_len i32) (result i32)
    (local $needed i32)
    ;; Grow memory so that the payload fits after the constants.
    (local.set $needed (i32.add (i32.div_u (i32.add (global.get $payload) (local.get $payload_len)) (i32.const 65536)) (i32.const 1)))
    (if (i32.gt_u (local.get $needed) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $needed) (memory.size))))))
    (call $guest_request (i32.const 640) (global.get $payload))
    (if (i32.eq (local.get $op_len) (i32.const 8))
      (then
        (if (call $contains_privileged (global.get $payload) (local.get $payload_len))
          (then (call $guest_response (i32.const 320) (i32.const 68)))
          (else (call $guest_response (i32.const 448) (i32.const 17))))
        (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 17))
      (then (call $guest_response (i32.const 480) (i32.const 14)) (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 16))
      (then (call $guest_response (i32.const 512) (i32.const 4)) (return (i32.const 1))))
    (call $guest_error (i32.const 544) (i32.const 17))
    (i32.const 0)))
