;; Converts NaN to an integer.
(module
  (memory (export "memory") 1)
  (func (export "__guest_call") (param i32 i32) (result i32)
    (i32.trunc_f32_s (f32.const nan))))
