;; Counts its calls in a mutable global and answers the count as the message.
;; wapc_init sets $initialized and a byte of memory; __guest_call traps when init has not run,
;; so the policy proves that every instance starts initialised (from the snapshot or by running init).
(module
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (global $initialized (mut i32) (i32.const 0))
  ;; {"accepted":true,"message":"0"}: 31 bytes, the digit at offset 28
  (data (i32.const 0) "{\"accepted\":true,\"message\":\"0\"}")
  (func (export "wapc_init")
    (global.set $initialized (i32.const 1))
    (i32.store8 (i32.const 1024) (i32.const 42)))
  (func (export "__guest_call") (param $op_len i32) (param $payload_len i32) (result i32)
    (if (i32.eqz (global.get $initialized)) (then unreachable))
    (if (i32.ne (i32.load8_u (i32.const 1024)) (i32.const 42)) (then unreachable))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.store8 (i32.const 28) (i32.add (i32.const 48) (global.get $count)))
    (call $guest_response (i32.const 0) (i32.const 31))
    (i32.const 1)))
