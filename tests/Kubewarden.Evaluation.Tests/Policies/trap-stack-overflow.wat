;; Recurses without end in __guest_call.
(module
  (memory (export "memory") 1)
  (func $recurse (param $depth i32) (result i32)
    (i32.add (i32.const 1) (call $recurse (i32.add (local.get $depth) (i32.const 1)))))
  (func (export "__guest_call") (param i32 i32) (result i32)
    (call $recurse (i32.const 0))))
