;; A mutating Kubewarden waPC policy written by hand: makes privileged containers unprivileged. Every
;; "privileged":true inside the request's object (compact JSON, as the API server sends it) becomes "privileged":false,
;; and the policy accepts with that object as mutated_object; the policy-server turns it into a JSONPatch. An object
;; without any, and a request without an object (DELETE), are accepted unchanged. Settings are accepted as they are.
(module
  (import "wapc" "__guest_request" (func $guest_request (param i32 i32)))
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "\"privileged\":true")
  (data (i32.const 288) "\"privileged\":false")
  (data (i32.const 320) "{\"accepted\":true,\"mutated_object\":")
  (data (i32.const 448) "{\"accepted\":true}")
  (data (i32.const 480) "{\"valid\":true}")
  (data (i32.const 512) "\"v1\"")
  (data (i32.const 544) "unknown operation")
  (data (i32.const 576) "request")
  (data (i32.const 592) "object")
  (global $payload i32 (i32.const 1024))
  ;; Set by $find_object: one past the last byte of the object it found.
  (global $object_end (mut i32) (i32.const 0))

  ;; Does memory[at, at+length) equal memory[pattern, pattern+length)?
  (func $equals (param $at i32) (param $pattern i32) (param $length i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
        (if (i32.ne
              (i32.load8_u (i32.add (local.get $at) (local.get $i)))
              (i32.load8_u (i32.add (local.get $pattern) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; The index one past the closing quote of the string whose opening quote is at $i (escapes skipped).
  (func $string_end (param $i i32) (param $end i32) (result i32)
    (local $c i32)
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (local.get $end))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 92)) ;; backslash
        (then (local.set $i (i32.add (local.get $i) (i32.const 2))) (br $next)))
      (if (i32.eq (local.get $c) (i32.const 34)) ;; quote
        (then (return (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))
    (local.get $end))

  ;; The index one past the bracket that closes the object or array opening at $i.
  (func $container_end (param $i i32) (param $end i32) (result i32)
    (local $c i32) (local $depth i32)
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (local.get $end))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 34))
        (then (local.set $i (call $string_end (local.get $i) (local.get $end))) (br $next)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
        (then (local.set $depth (i32.add (local.get $depth) (i32.const 1)))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 125)) (i32.eq (local.get $c) (i32.const 93)))
        (then
          (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
          (if (i32.eqz (local.get $depth)) (then (return (i32.add (local.get $i) (i32.const 1)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))
    (local.get $end))

  ;; The start of the JSON object under request.object in the payload, or 0 when there is none (absent or null).
  (func $find_object (param $i i32) (param $end i32) (result i32)
    (local $c i32) (local $depth i32) (local $in_request i32) (local $key_end i32) (local $value i32)
    (loop $next
      (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 34))
        (then
          (local.set $key_end (call $string_end (local.get $i) (local.get $end)))
          ;; A string followed by a colon is a key.
          (if (i32.and
                (i32.lt_u (local.get $key_end) (local.get $end))
                (i32.eq (i32.load8_u (local.get $key_end)) (i32.const 58)))
            (then
              (if (i32.eq (local.get $depth) (i32.const 1))
                (then
                  (local.set $in_request
                    (i32.and
                      (i32.eq (i32.sub (local.get $key_end) (local.get $i)) (i32.const 9))
                      (call $equals (i32.add (local.get $i) (i32.const 1)) (i32.const 576) (i32.const 7))))))
              (if (i32.and
                    (i32.and (i32.eq (local.get $depth) (i32.const 2)) (local.get $in_request))
                    (i32.and
                      (i32.eq (i32.sub (local.get $key_end) (local.get $i)) (i32.const 8))
                      (call $equals (i32.add (local.get $i) (i32.const 1)) (i32.const 592) (i32.const 6))))
                (then
                  (local.set $value (i32.add (local.get $key_end) (i32.const 1)))
                  (if (i32.ge_u (local.get $value) (local.get $end)) (then (return (i32.const 0))))
                  (if (i32.ne (i32.load8_u (local.get $value)) (i32.const 123)) (then (return (i32.const 0))))
                  (global.set $object_end (call $container_end (local.get $value) (local.get $end)))
                  (return (local.get $value))))))
          (local.set $i (local.get $key_end))
          (br $next)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
        (then (local.set $depth (i32.add (local.get $depth) (i32.const 1)))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 125)) (i32.eq (local.get $c) (i32.const 93)))
        (then (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))
    (i32.const 0))

  ;; Answers the validation of the payload at $payload: writes the response after the payload.
  (func $validate (param $payload_len i32)
    (local $object i32) (local $i i32) (local $out i32) (local $o i32) (local $k i32) (local $changed i32)
    (local.set $object (call $find_object (global.get $payload) (i32.add (global.get $payload) (local.get $payload_len))))
    (if (i32.eqz (local.get $object))
      (then (call $guest_response (i32.const 448) (i32.const 17)) (return)))
    (local.set $out (i32.add (global.get $payload) (local.get $payload_len)))
    ;; The response prefix, 34 bytes.
    (block $copied
      (loop $copy
        (br_if $copied (i32.ge_u (local.get $k) (i32.const 34)))
        (i32.store8 (i32.add (local.get $out) (local.get $k)) (i32.load8_u (i32.add (i32.const 320) (local.get $k))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $copy)))
    (local.set $o (i32.add (local.get $out) (i32.const 34)))
    (local.set $i (local.get $object))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $object_end)))
        (if (i32.and
              (i32.le_u (i32.add (local.get $i) (i32.const 17)) (global.get $object_end))
              (call $equals (local.get $i) (i32.const 256) (i32.const 17)))
          (then
            (local.set $k (i32.const 0))
            (block $replaced
              (loop $replace
                (br_if $replaced (i32.ge_u (local.get $k) (i32.const 18)))
                (i32.store8 (i32.add (local.get $o) (local.get $k)) (i32.load8_u (i32.add (i32.const 288) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $replace)))
            (local.set $o (i32.add (local.get $o) (i32.const 18)))
            (local.set $i (i32.add (local.get $i) (i32.const 17)))
            (local.set $changed (i32.const 1))
            (br $next)))
        (i32.store8 (local.get $o) (i32.load8_u (local.get $i)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (if (i32.eqz (local.get $changed))
      (then (call $guest_response (i32.const 448) (i32.const 17)) (return)))
    (i32.store8 (local.get $o) (i32.const 125))
    (call $guest_response (local.get $out) (i32.sub (i32.add (local.get $o) (i32.const 1)) (local.get $out))))

  (func (export "__guest_call") (param $op_len i32) (param $payload_len i32) (result i32)
    (local $needed i32)
    ;; Room for the payload and, after it, a response at most 18/17 of its size plus the prefix.
    (local.set $needed
      (i32.add
        (i32.div_u
          (i32.add (global.get $payload) (i32.add (i32.mul (local.get $payload_len) (i32.const 3)) (i32.const 64)))
          (i32.const 65536))
        (i32.const 1)))
    (if (i32.gt_u (local.get $needed) (memory.size))
      (then (drop (memory.grow (i32.sub (local.get $needed) (memory.size))))))
    (call $guest_request (i32.const 640) (global.get $payload))
    (if (i32.eq (local.get $op_len) (i32.const 8))
      (then (call $validate (local.get $payload_len)) (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 17))
      (then (call $guest_response (i32.const 480) (i32.const 14)) (return (i32.const 1))))
    (if (i32.eq (local.get $op_len) (i32.const 16))
      (then (call $guest_response (i32.const 512) (i32.const 4)) (return (i32.const 1))))
    (call $guest_error (i32.const 544) (i32.const 17))
    (i32.const 0)))
