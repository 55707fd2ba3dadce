;; A module with memory but without the mandatory __guest_call export.
(module
  (memory (export "memory") 1)
  (func (export "validate") (result i32) (i32.const 1)))
