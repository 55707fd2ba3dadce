;; Divides INT32_MIN by a -1 computed at run time: signed overflow.
(module
  (memory (export "memory") 1)
  (func (export "__guest_call") (param $op_len i32) (param $payload_len i32) (result i32)
    (i32.div_s (i32.const 0x80000000) (i32.sub (local.get $op_len) (i32.add (local.get $op_len) (i32.const 1))))))
